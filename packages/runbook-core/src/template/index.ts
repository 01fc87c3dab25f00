export { renderTemplate } from './render-template.ts';
export type {
  FilledSlot,
  PlaceholderContext,
  PlaceholderResolver,
  RenderedTemplate,
  RenderTemplateOptions,
} from './render-template.ts';
export { findTemplateSlots } from './find-template-slots.ts';
export type { FindTemplateSlotsOptions } from './find-template-slots.ts';
