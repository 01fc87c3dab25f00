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
export { findTemplateByName, templateCallName } from './find-template-by-name.ts';
export type { TemplateLookup } from './find-template-by-name.ts';
export { templateHeadings } from './template-heading.ts';
export type { TemplateHeading } from './template-heading.ts';
