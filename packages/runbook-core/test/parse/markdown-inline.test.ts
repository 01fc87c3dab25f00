import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Heading, Nodes, Paragraph, Root } from 'mdast';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { toString as mdastToString } from 'mdast-util-to-string';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { readCorpus } from '../../../../bench/corpus.ts';
import { corpusDir, requireMaterial } from '../../../../test/support/external-material.ts';
import { labelIdentifier, parseInline, type InlineContent, type InlineLink } from '../../src/parse/markdown/parse-inline.ts';

// The oracle: remark-parse with GFM task items only, as the runbook parser
// has always read Markdown.
function remarkTaskListItems(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}
const processor = unified().use(remarkParse).use(remarkTaskListItems).freeze();
const parse = (markdown: string): Root => processor.parse(markdown);
const textOptions = { includeImageAlt: false, includeHtml: false };

/** Text and links of `node` as remark has them, offsets shifted by `-shift`. */
function remarkContent(node: Paragraph | Heading, shift: number): InlineContent {
  const links: InlineLink[] = [];
  const visit = (child: Nodes): void => {
    if (child.type === 'link' || child.type === 'linkReference') {
      const start = child.position!.start.offset! - shift;
      const end = child.position!.end.offset! - shift;
      const text = mdastToString(child, textOptions);
      links.push(child.type === 'link' ? { url: child.url, text, start, end } : { identifier: child.identifier, text, start, end });
    }
    if ('children' in child) for (const grandchild of child.children) visit(grandchild);
  };
  for (const child of node.children) visit(child);
  return { text: mdastToString(node, textOptions), links };
}

const definitions = (labels: readonly string[]): string => (labels.length === 0 ? '' : `\n\n${labels.map((label) => `[${label}]: #`).join('\n')}`);

interface Expected {
  content: InlineContent;
  /** Whether remark read a definition with this identifier. */
  isDefined: (identifier: string) => boolean;
}

/**
 * What remark makes of `input` as the content of a paragraph (or, for
 * `heading`, of `# input`), with a definition for each label; `undefined`
 * when the document does not read as that one block plus the definitions.
 */
function oracle(input: string, labels: readonly string[], form: 'paragraph' | 'heading'): Expected | undefined {
  const prefix = form === 'heading' ? '# ' : '';
  const root = parse(`${prefix + input + definitions(labels)}\n`);
  const [block, ...rest] = root.children;
  const identifiers = new Set<string>();
  for (const node of rest) if (node.type === 'definition') identifiers.add(node.identifier);
  if (rest.length !== labels.length || rest.some((node) => node.type !== 'definition')) return undefined;
  if (block?.type !== form || block.position?.start.offset !== 0 || block.position.end.offset !== prefix.length + input.length) return undefined;
  return { content: remarkContent(block, prefix.length), isDefined: (identifier) => identifiers.has(identifier) };
}

/** Compares `parseInline` with remark on `input` as a paragraph and, where it can be one, as a heading. */
function assertLikeRemark(input: string, labels: readonly string[] = []): void {
  const expected = oracle(input, labels, 'paragraph');
  assert.ok(expected, `not one paragraph: ${JSON.stringify(input)}`);
  const actual = parseInline(input, expected.isDefined);
  assert.deepEqual(actual, expected.content, `paragraph ${JSON.stringify(input)} with ${JSON.stringify(labels)}`);
  // A closing `#` sequence would not be content; line endings end a heading.
  if (!/[\n\r]/.test(input) && !/(?:^|[ \t])#+$/.test(input)) {
    const heading = oracle(input, labels, 'heading');
    assert.ok(heading, `not one heading: ${JSON.stringify(input)}`);
    assert.deepEqual(actual, heading.content, `heading ${JSON.stringify(input)}`);
  }
}

type Case = readonly [input: string, labels?: readonly string[]];

// Mostly the CommonMark 0.31 spec's examples, one paragraph each.
const escapes: Case[] = [
  ['\\!\\"\\#\\$\\%\\&\\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~'],
  ['\\\t\\A\\a\\ \\3\\φ\\«'],
  [
    '\\*not emphasized*\n\\<br/> not a tag\n\\[not a link](/foo)\n\\`not code`\n1\\. not a list\n\\* not a list\n\\# not a heading\n\\[foo]: /url "not a reference"\n\\&ouml; not a character entity',
  ],
  ['\\\\*emphasis*'],
  ['foo\\\nbar'],
  ['`` \\[\\` ``'],
  ['<http://example.com?find=\\*>'],
  ['x <a href="/bar\\/)">'],
  ['[foo](/bar\\* "ti\\*tle")'],
  ['[foo]', ['foo']],
  ['a\\', []],
  ['\\\\\\*a*'],
  ['\\`a`b`'],
];

const references: Case[] = [
  ['&nbsp; &amp; &copy; &AElig; &Dcaron;\n&frac34; &HilbertSpace; &DifferentialD;\n&ClockwiseContourIntegral; &ngE;'],
  ['&#35; &#1234; &#992; &#0;'],
  ['&#X22; &#XD06; &#xcab;'],
  ['&nbsp &x; &#; &#x;\n&#87654321;\n&#abcdef0;\n&ThisIsNotDefined; &hi?;'],
  ['&copy'],
  ['&MadeUpEntity;'],
  ['[foo](/f&ouml;&ouml; "f&ouml;&ouml;")'],
  ['`f&ouml;&ouml;`'],
  ['&#42;foo&#42;\n*foo*'],
  ['&#42; foo'],
  ['foo&#10;&#10;bar'],
  ['&#9;foo'],
  ['[a](url &quot;tit&quot;)'],
  ['&#1114111; &#1114112; &#xD800; &#xFFFE; &#x1F465; &#127; &#9999999; &#x10FFFF;'],
  ['&amp &AMP; &amp;amp; &#0000035; &#00000035; &#x0000023; &#x00000023;'],
  ['&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; &CounterClockwiseContourIntegral;'],
  ['[a](&#x5b;&lbrack;)'],
];

const codeSpans: Case[] = [
  ['`foo`'],
  ['`` foo ` bar ``'],
  ['` `` `'],
  ['`  ``  `'],
  ['` a`'],
  ['`\u00a0b\u00a0`'],
  ['` `\n`  `'],
  ['``\nfoo\nbar  \nbaz\n``'],
  ['``\nfoo \n``'],
  ['`foo   bar \nbaz`'],
  ['`foo\\`bar`'],
  ['``foo`bar``'],
  ['` foo `` bar `'],
  ['*foo`*`'],
  ['[not a `link](/foo`)'],
  ['`<a href="`">`'],
  ['<a href="`">`'],
  ['`<http://foo.bar.`baz>`'],
  ['<http://foo.bar.`baz>`'],
  ['```foo``'],
  ['`foo'],
  ['`foo``bar``'],
  ['`a\r\nb`'],
  ['`\r\na\r\n`'],
  ['`\ra\r`'],
  ['` \ta\t `'],
  ['`` ` `` ``` `` ``` ` `'],
  ['a `` b ``` c ` d ``'],
  ['`\n`'],
  ['` \n `'],
];

const emphasis: Case[] = [
  ['*foo bar*'],
  ['a * foo bar*'],
  ['a*"foo"*'],
  ['x * a *'],
  ['*$*alpha.'],
  ['*£*bravo.'],
  ['*€*charlie.'],
  ['foo*bar*'],
  ['5*6*78'],
  ['_foo bar_'],
  ['_ foo bar_'],
  ['a_"foo"_'],
  ['foo_bar_'],
  ['5_6_78'],
  ['пристаням_стремятся_'],
  ['aa_"bb"_cc'],
  ['foo-_(bar)_'],
  ['_foo*'],
  ['*foo bar *'],
  ['*foo bar\n*'],
  ['*(*foo)'],
  ['*(*foo*)*'],
  ['*foo*bar'],
  ['_foo bar _'],
  ['_(_foo)'],
  ['_(_foo_)_'],
  ['_foo_bar'],
  ['_пристаням_стремятся'],
  ['_foo_bar_baz_'],
  ['_(bar)_.'],
  ['**foo bar**'],
  ['** foo bar**'],
  ['a**"foo"**'],
  ['foo**bar**'],
  ['__foo bar__'],
  ['__ foo bar__'],
  ['__\nfoo bar__'],
  ['a__"foo"__'],
  ['foo__bar__'],
  ['5__6__78'],
  ['пристаням__стремятся__'],
  ['__foo, __bar__, baz__'],
  ['foo-__(bar)__'],
  ['**foo bar **'],
  ['**(**foo)'],
  ['*(**foo**)*'],
  ['**Gomphocarpus (*Gomphocarpus physocarpus*, syn.\n*Asclepias physocarpa*)**'],
  ['**foo "*bar*" foo**'],
  ['**foo**bar'],
  ['__foo bar __'],
  ['__(__foo)'],
  ['_(__foo__)_'],
  ['__foo__bar'],
  ['__пристаням__стремятся'],
  ['__foo__bar__baz__'],
  ['__(bar)__.'],
  ['*foo [bar](/url)*'],
  ['*foo\nbar*'],
  ['_foo __bar__ baz_'],
  ['_foo _bar_ baz_'],
  ['__foo_ bar_'],
  ['*foo *bar**'],
  ['*foo **bar** baz*'],
  ['*foo**bar**baz*'],
  ['*foo**bar*'],
  ['***foo** bar*'],
  ['*foo **bar***'],
  ['*foo**bar***'],
  ['foo***bar***baz'],
  ['foo******bar*********baz'],
  ['*foo **bar *baz* bim** bop*'],
  ['*foo [*bar*](/url)*'],
  ['** is not an empty emphasis'],
  ['**** is not an empty strong emphasis'],
  ['**foo [bar](/url)**'],
  ['**foo\nbar**'],
  ['__foo _bar_ baz__'],
  ['__foo __bar__ baz__'],
  ['____foo__ bar__'],
  ['**foo **bar****'],
  ['**foo *bar* baz**'],
  ['**foo*bar*baz**'],
  ['***foo* bar**'],
  ['**foo *bar***'],
  ['**foo *bar **baz**\nbim* bop**'],
  ['**foo [*bar*](/url)**'],
  ['__ is not an empty emphasis'],
  ['____ is not an empty strong emphasis'],
  ['foo ***'],
  ['foo *\\**'],
  ['foo *_*'],
  ['foo *****'],
  ['foo **\\***'],
  ['foo **_**'],
  ['**foo*'],
  ['*foo**'],
  ['***foo**'],
  ['****foo*'],
  ['**foo***'],
  ['*foo****'],
  ['foo ___'],
  ['foo _\\__'],
  ['foo _*_'],
  ['foo _____'],
  ['foo __\\___'],
  ['foo __*__'],
  ['__foo_'],
  ['_foo__'],
  ['___foo__'],
  ['____foo_'],
  ['__foo___'],
  ['_foo____'],
  ['**foo**'],
  ['*_foo_*'],
  ['__foo__'],
  ['_*foo*_'],
  ['****foo****'],
  ['____foo____'],
  ['******foo******'],
  ['***foo***'],
  ['_____foo_____'],
  ['*foo _bar* baz_'],
  ['*foo __bar *baz bim__ bam*'],
  ['**foo **bar baz**'],
  ['*foo *bar baz*'],
  ['*[bar*](/url)'],
  ['_foo [bar_](/url)'],
  ['*<img src="foo" title="*"/>'],
  ['**<a href="**">'],
  ['__<a href="__">'],
  ['*a `*`*'],
  ['_a `_`_'],
  ['**a<http://foo.bar/?q=**>'],
  ['__a<http://foo.bar/?q=__>'],
  // The rule of 3 on the runs' remaining lengths, as micromark applies it.
  ['*****a*b** c*d'],
  ['a***b* c*'],
  ['*a **b***c'],
  ['**a*b*c**d*'],
  // Classes beyond ASCII: symbols, non-ASCII spaces, surrogate halves.
  ['a*€*b *👥*c 👥*d* *e*👥 \u00a0*f*\u00a0 \u3000_g_\u3000'],
  ['x*\u2028*y _é_ é_x_é «*a*»'],
  ['*a\tb*\t*c* \t_d_'],
];

const links: Case[] = [
  ['[link](/uri "title")'],
  ['[link](/uri)'],
  ['[](./target.md)'],
  ['[link]()'],
  ['[link](<>)'],
  ['[]()'],
  ['[link](/my uri)'],
  ['[link](</my uri>)'],
  ['[link](foo\nbar)'],
  ['[link](<foo\nbar>)'],
  ['[a](<b)c>)'],
  ['[link](<foo\\>)'],
  ['[a](<b)c\n[a](<b)c>\n[a](<b>c)'],
  ['[link](\\(foo\\))'],
  ['[link](foo(and(bar)))'],
  ['[link](foo(and(bar))'],
  ['[link](foo\\(and\\(bar\\))'],
  ['[link](<foo(and(bar)>)'],
  ['[link](foo\\)\\:)'],
  ['[link](#fragment)\n[link](https://example.com#fragment)\n[link](https://example.com?foo=3#frag)'],
  ['[link](foo\\bar)'],
  ['[link](foo%20b&auml;)'],
  ['[link]("title")'],
  ['[link](/url "title")\n[link](/url \'title\')\n[link](/url (title))'],
  ['[link](/url "title \\"&quot;")'],
  ['[link](/url\u00a0"title")'],
  ['[link](/url "title "and" title")'],
  ['[link](/url \'title "and" title\')'],
  ['[link](   /uri\n"title"  )'],
  ['[link] (/uri)'],
  ['[link [foo [bar]]](/uri)'],
  ['[link] bar](/uri)'],
  ['[link [bar](/uri)'],
  ['[link \\[bar](/uri)'],
  ['[link *foo **bar** `#`*](/uri)'],
  ['[![moon](moon.jpg)](/uri)'],
  ['[foo [bar](/uri)](/uri)'],
  ['[foo *[bar [baz](/uri)](/uri)*](/uri)'],
  ['![[[foo](uri1)](uri2)](uri3)'],
  ['*[foo*](/uri)'],
  ['[foo *bar](baz*)'],
  ['*foo [bar* baz]'],
  ['[foo <bar attr="](baz)">'],
  ['[foo`](/uri)`'],
  ['[foo<https://example.com/?search=](uri)>'],
  ['[foo][bar]', ['bar']],
  ['[link [foo [bar]]][ref]', ['ref']],
  ['[link \\[bar][ref]', ['ref']],
  ['[link *foo **bar** `#`*][ref]', ['ref']],
  ['[![moon](moon.jpg)][ref]', ['ref']],
  ['[foo [bar](/uri)][ref]', ['ref']],
  ['[foo *bar [baz][ref]*][ref]', ['ref']],
  ['*[foo*][ref]', ['ref']],
  ['[foo *bar][ref]*', ['ref']],
  ['[foo <bar attr="][ref]">', ['ref']],
  ['[foo`][ref]`', ['ref']],
  ['[foo<https://example.com/?search=][ref]>', ['ref']],
  ['[foo][BaR]', ['bar']],
  ['[ẞ]', ['SS']],
  ['[Baz][Foo bar]', ['Foo\n  bar']],
  ['[foo] [bar]', ['bar']],
  ['[foo]\n[bar]', ['bar']],
  ['[bar][foo\\!]', ['foo!']],
  ['[foo][ref[]', ['ref']],
  ['[foo][ref[bar]]', ['ref']],
  ['[[[foo]]]', ['foo']],
  ['[foo][ref\\[]', ['ref\\[']],
  ['[bar\\\\]', ['bar\\\\']],
  ['[]'],
  ['[\n]'],
  ['[foo][]', ['foo']],
  ['[*foo* bar][]', ['*foo* bar']],
  ['[Foo][]', ['foo']],
  ['[foo] \n[]', ['foo']],
  ['[foo]', ['foo']],
  ['[*foo* bar]', ['*foo* bar']],
  ['[[*foo* bar]]', ['*foo* bar']],
  ['[[bar [foo]', ['foo']],
  ['[Foo]', ['foo']],
  ['[foo] bar', ['foo']],
  ['\\[foo]', ['foo']],
  ['*[foo*]', ['foo*']],
  ['[foo][bar]', ['foo', 'bar']],
  ['[foo][]', ['foo']],
  ['[foo]()', ['foo']],
  ['[foo](not a link)', ['foo']],
  ['[foo][bar][baz]', ['baz']],
  ['[foo][bar][baz]', ['baz', 'bar']],
  ['[foo][bar][baz]', ['baz', 'foo']],
  // micromark: a `[` after a defined label that starts no reference makes no link.
  ['[foo][', ['foo']],
  ['[foo][bar', ['foo']],
  ['[foo][ ]', ['foo']],
  ['[foo][bar]', ['foo']],
  // Titles in parentheses may hold `(` (micromark), destinations nest 32 deep.
  ['[a](b (c(d))'],
  [`[a](${'('.repeat(32)}x${')'.repeat(32)})`],
  [`[a](${'('.repeat(33)}x${')'.repeat(33)})`],
  ['[a](b "t" )'],
  ['[a](b "t"x)'],
  ['[a](b"t")'],
  ['[a](<b>c)'],
  ['[a]( "t")'],
  ['[a](b\tc)'],
  ['[a](\tb\t"t"\t)'],
  ['[a](b\r\n"t\r\nu"\r\n)'],
  ["[a](b 't\\'u')"],
  ['[a](b (t\\)u))'],
  ['[a](b "t\\\\")'],
  ['[a](\\<b\\>)'],
  ['[a](<b\\<c>)'],
  ['[a](b\u0001c)'],
  ['[a](<b\u0001c>)'],
  ['[a\\]b](c) [a\\\\]b](c)'],
  ['[a [b] c](d)'],
  ['[<https://a.b>](c)'],
  ['[x <a@b.co> y][foo] z', ['foo']],
  ['[x ![a [b](c)](d)](e)'],
  ['![a [b](c) [d][foo]](e) [f](g)', ['foo']],
  ['![a](b) [c](d) ![e][foo]', ['foo']],
  ['[a](b)[c](d)'],
  ['[a][foo][b][foo]', ['foo']],
  ['[foo][foo][foo]', ['foo']],
  ['[foo bar][Foo\tBar]', ['foo bar']],
  ['[ foo ]', ['foo']],
  ['[foo\nbar]', ['foo bar']],
  ['[foo\r\nbar][]', ['foo bar']],
  ['[a  \nb](c) [d\\\ne](f)'],
  ['[`a]`](b)'],
  ['[a](b) *[c](d)* **[e](f)g**'],
  ['*a [b*](c)*'],
  ['[a *b](c) d*'],
  ['[a _b_ c](d)_'],
  [`[${'a'.repeat(999)}][b]`, ['b']],
  [`[x][${'b'.repeat(999)}]`, ['b'.repeat(999)]],
  [`[x][${'b'.repeat(1000)}]`],
  // The 999 limit counts a reference's raw characters; a shortcut has none.
  [`[x][b${' '.repeat(997)}c]`, ['b c']],
  [`[x][b${' '.repeat(998)}c]`, ['b c']],
  [`[b${' '.repeat(1200)}c] [b${' '.repeat(1200)}c][]`, ['b c']],
];

const autolinks: Case[] = [
  ['<http://foo.bar.baz>'],
  ['<https://foo.bar.baz/test?q=hello&id=22&boolean>'],
  ['<irc://foo.bar:2233/baz>'],
  ['<MAILTO:FOO@BAR.BAZ>'],
  ['<a+b+c:d>'],
  ['<made-up-scheme://foo,bar>'],
  ['<https://../>'],
  ['<localhost:5001/foo>'],
  ['<https://foo.bar/baz bim>'],
  ['<https://example.com/\\[\\>'],
  ['<foo@bar.example.com>'],
  ['<foo+special@Bar.baz-bar0.com>'],
  ['<foo\\+@bar.example.com>'],
  ['<>'],
  ['< https://foo.bar >'],
  ['<m:abc>'],
  ['<foo.bar.baz>'],
  ['https://example.com'],
  ['foo@bar.example.com'],
  ['<a@b-.c> <a@-b.c> <a@b..c> <a@b.c-d> <@a.b> <a@> <a@b>'],
  [`<a@${'b'.repeat(63)}.c> <a@${'b'.repeat(64)}.c>`],
  [`<${'a'.repeat(32)}:b> <${'a'.repeat(33)}:b> <${'a'.repeat(33)}@b>`],
  ['<http://a&amp;b> <http://a\\b>'],
  ['<http://a\tb> <http://a\u007fb> <http://aé>'],
  ['<ab@c.de> <a.b-c+d@e> <a:b@c>'],
];

const html: Case[] = [
  ['<a><bab><c2c>'],
  ['<a/><b2/>'],
  ['<a  /><b2\ndata="foo" >'],
  ['<a foo="bar" bam = \'baz <em>"</em>\'\n_boolean zoop:33=zoop:33 />'],
  ['Foo <responsive-image src="foo.jpg" />'],
  ['<33> <__>'],
  ['<a h*#ref="hi">'],
  ["<a href=\"hi'> <a href=hi'>"],
  ['< a><\nfoo><bar/ >\n<foo bar=baz\nbim!bop />'],
  ["<a href='bar'title=title>"],
  ['</a></foo >'],
  ['</a href="foo">'],
  ['foo <!-- this is a --\ncomment - with hyphens -->'],
  ['foo <!--> foo -->'],
  ['foo <!---> foo -->'],
  ['foo <?php echo $a; ?>'],
  ['foo <!ELEMENT br EMPTY>'],
  ['foo <![CDATA[>&<]]>'],
  ['foo <a href="&ouml;">'],
  ['foo <a href="\\*">'],
  ['<a href="\\"">'],
  ['x <a b=/c> <a b=/> <a/b> <a b=c/d> <a b= c> <a b =c>'],
  ['x <a b=`c> <a b=c`> <a b=<c> <a b="c"d> <a b=\'c\'/>'],
  ['x <? ?> <?> <??> <!> <!a> <![CDATA[]]> <![CDATA[x]]]> <!-- -- --> <!--->'],
  ['x <a\tb\t=\t"c"\t> </a\t>'],
  ['x <a\nb> </a\nb>'],
  ['x <!-- a\n*b* --> *c*'],
];

const breaks: Case[] = [
  ['foo  \nbaz'],
  ['foo\\\nbaz'],
  ['foo       \nbaz'],
  ['foo  \nbar'],
  ['foo\\\nbar'],
  ['*foo  \nbar*'],
  ['*foo\\\nbar*'],
  ['`code  \nspan`'],
  ['`code\\\nspan`'],
  ['<a href="foo  \nbar">'],
  ['<a href="foo\\\nbar">'],
  ['foo\\'],
  ['foo\nbaz'],
  ['foo \nbaz'],
  ['foo\t\nbar'],
  ['foo \t \nbar'],
  ['foo\t  \nbar'],
  ['foo  \r\nbar\r\nbaz \rqux  \rend'],
  ['a  \\\nb'],
  ['x *  \nb'],
  ['a *  \nb*'],
  ['&amp;  \nb &#32;\nc'],
  ['[a](b)  \nc'],
  ['a\n*b*\n_c_\n**d**'],
];

const textual: Case[] = [
  ["hello $.;'there"],
  ['Foo χρῆν'],
  ['Multiple     spaces'],
  ['a\u0000b *\u0000* [\u0000](\u0000)'],
  ['tab\there\tand\tthere'],
  ['!a ![ ! [x] !'],
  ['a ] b ]] c'],
];

const images: Case[] = [
  ['![foo](/url "title")'],
  ['![foo *bar*]', ['foo *bar*']],
  ['![foo ![bar](/url)](/url2)'],
  ['![foo [bar](/url)](/url2)'],
  ['![foo](train.jpg)'],
  ['My ![foo bar](/path/to/train.jpg  "title"   )'],
  ['![foo](<url>)'],
  ['![](/url)'],
  ['![foo][bar]', ['bar']],
  ['![foo][]', ['foo']],
  ['![*foo* bar][]', ['*foo* bar']],
  ['![Foo][]', ['foo']],
  ['![foo] \n[]', ['foo']],
  ['![foo]', ['foo']],
  ['![[foo]]', ['foo']],
  ['![Foo]', ['foo']],
  ['!\\[foo]', ['foo']],
  ['\\![foo]', ['foo']],
  ['a ![b <http://c> d](e) f'],
];

describe('parseInline, against remark', () => {
  const groups: Array<[string, Case[]]> = [
    ['backslash escapes', escapes],
    ['entity and numeric character references', references],
    ['code spans', codeSpans],
    ['emphasis and strong emphasis', emphasis],
    ['links and link references', links],
    ['autolinks', autolinks],
    ['raw HTML', html],
    ['hard and soft line breaks', breaks],
    ['text', textual],
    ['images', images],
  ];
  for (const [name, cases] of groups) {
    it(`${name} (${cases.length} cases)`, () => {
      for (const [input, labels] of cases) assertLikeRemark(input, labels);
    });
  }

  it('returns plain text as is, with no links', () => {
    const input = 'No syntax here: just words, (parens), "quotes", # and > and ! and ] and -.\nAnother line.';
    assert.deepEqual(
      parseInline(input, () => true),
      { text: input, links: [] },
    );
    assertLikeRemark(input);
  });

  it('drops final spaces and tabs, should the content still have them', () => {
    for (const input of ['a  ', 'a *b*\t', '[a](b) \t ', 'a\\  ']) {
      const trimmed = input.replace(/[ \t]+$/, '');
      assert.deepEqual(
        parseInline(input, () => false),
        parseInline(trimmed, () => false),
        JSON.stringify(input),
      );
      assertLikeRemark(trimmed);
    }
  });

  it('normalizes identifiers as mdast does', () => {
    const labels = ['Foo\n  bar', 'ẞ', 'ϴ', 'Θ', 'ſ', 'İstanbul', 'a\tb\r\nc', ' x ', 'ǅ', 'ﬀ', 'Ω', 'K'];
    for (const label of labels) {
      const [definition] = parse(`[${label}]: #\n`).children;
      assert.equal(definition?.type, 'definition', label);
      assert.equal(labelIdentifier(label), definition.identifier, label);
    }
  });

  it('only asks isDefined about labels a definition could have', () => {
    const asked: string[] = [];
    parseInline('[a [b] c] [d][e] [f][] [g] [h\\]i] [[j]] [ ]', (identifier) => {
      asked.push(identifier);
      return false;
    });
    assert.deepEqual(asked, ['b', 'e', 'e', 'f', 'g', 'h\\]i', 'j']);
  });

  it('matches remark on long runs of brackets, delimiters and openers', () => {
    const inputs = [
      '['.repeat(300) + ']'.repeat(300),
      `${'['.repeat(300)}a${']'.repeat(300)}`,
      `${'*'.repeat(500)}a`,
      'a *b'.repeat(300),
      'a* b'.repeat(300),
      '_a *b'.repeat(200) + '*c_'.repeat(200),
      '**a *'.repeat(200),
      '`a ``'.repeat(200),
      `x ${'<!--'.repeat(200)}`,
      '[a](b "'.repeat(200),
      "[a](b '".repeat(200),
      '[a](<b'.repeat(200),
      `x ${'<a b="'.repeat(200)}`,
      '[](('.repeat(200),
      '![['.repeat(200) + ']]'.repeat(200),
      '[x][foo]'.repeat(200),
    ];
    for (const input of inputs) assertLikeRemark(input, ['foo', 'a', 'x']);
  });
});

// Tokens that make inline syntax interact.
const token = fc.constantFrom(
  '[',
  ']',
  '(',
  ')',
  '*',
  '**',
  '_',
  '__',
  '`',
  '``',
  '\\',
  '<',
  '>',
  '&amp;',
  '&#35;',
  '&',
  ';',
  '!',
  '"',
  "'",
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '  \n',
  '\\\n',
  'http://a.b',
  'a@b.co',
  'x',
  'foo bar',
  'foo',
  '#',
  ':',
  '-',
  '=',
  '.',
  ',',
  '![',
  '](',
  '][',
  '[]',
  '<a>',
  '</a>',
  '<a b="c">',
  '<!--',
  '-->',
  '<http://a.b>',
  '<a@b.co>',
  '[foo]',
  '[x]',
  '(b)',
  '"t"',
  'ẞ',
  'é',
  '👥',
  '€',
  '1.',
  '***',
  '_*',
  '*_',
  'a_b',
  'a*b',
  '\\*',
  '\\_',
  '\\[',
  '\\]',
  '\\`',
  '&quot;',
  '&#x41;',
  '<?x?>',
  '<![CDATA[',
  ']]>',
  '<x:y>',
  '\u00a0',
  '~',
  '|',
  ' (',
  ') ',
);
const defined = fc.subarray(['foo', 'x', 'foo bar', 'a', 'ss', '*', 'b', 'b c', '`']);

const lineEnding = /\r\n|\r|\n/;
/** `text` as inline content: no leading whitespace on a line, no blank lines, no final whitespace. */
function asInlineContent(text: string): string {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  return lines
    .map((line) => line.replace(/^[ \t]+/, ''))
    .filter((line) => !/^[ \t]*(?:\r\n|\r|\n)?$/.test(line))
    .join('')
    .replace(/[ \t\r\n]+$/, '');
}

// Lines that could start a block of their own (or end the paragraph).
const blockStart = /^(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|`{3}|~{3}|<)/;
function prefixLines(text: string, test: (line: string) => boolean): string {
  return text
    .split(/(?<=\r\n|\r(?!\n)|\n)/)
    .map((line) => (test(line) ? `x ${line}` : line))
    .join('');
}

describe('parseInline, against remark, on generated content (properties)', () => {
  it('gives remark’s text and links for any mix of tricky tokens', () => {
    let runs = 0;
    let asIs = 0;
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 40 }), defined, (tokens, labels) => {
        const content = asInlineContent(tokens.join(''));
        fc.pre(content !== '');
        runs++;
        // As is if remark reads it as one paragraph; else with the lines that start blocks made plain.
        const candidates = [content, prefixLines(content, (line) => blockStart.test(line)), prefixLines(content, () => true)];
        for (const input of candidates) {
          const expected = oracle(input, labels, 'paragraph');
          if (expected === undefined) continue;
          if (input === content) asIs++;
          assert.deepEqual(parseInline(input, expected.isDefined), expected.content, JSON.stringify({ input, labels }));
          return;
        }
        assert.fail(`no paragraph for ${JSON.stringify(content)}`);
      }),
      { numRuns: 6000, seed: 20_250_601 },
    );
    // Most inputs must be tested as generated, line starts included.
    assert.ok(asIs > runs * 0.7, `${asIs} of ${runs} inputs read as one paragraph as generated`);
  });

  it('gives remark’s text for single lines, read as paragraph and as heading', () => {
    fc.assert(
      fc.property(
        fc.array(
          token.filter((text) => !lineEnding.test(text)),
          { minLength: 1, maxLength: 30 },
        ),
        defined,
        (tokens, labels) => {
          const input = asInlineContent(tokens.join(''));
          fc.pre(input !== '' && !/(?:^|[ \t])#+$/.test(input) && oracle(input, labels, 'paragraph') !== undefined);
          assertLikeRemark(input, labels);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});

interface Rebuilt {
  input: string;
  /** Where each line's text starts, in the input and in the source. */
  lines: Array<{ inputStart: number; sourceStart: number }>;
  /** The leading whitespace taken off lines, as source ranges. */
  strippedIndent: Array<{ from: number; to: number }>;
}

/** The inline content of the lines `source[start, end)`: each line's leading whitespace and the final whitespace removed. */
function rebuild(source: string, start: number, end: number): Rebuilt {
  const lines: Rebuilt['lines'] = [];
  const strippedIndent: Rebuilt['strippedIndent'] = [];
  let input = '';
  let at = start;
  while (at < end) {
    let lineEnd = at;
    while (lineEnd < end && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
    const eol = source.startsWith('\r\n', lineEnd) ? 2 : lineEnd < end ? 1 : 0;
    let textStart = at;
    while (textStart < lineEnd && (source[textStart] === ' ' || source[textStart] === '\t')) textStart++;
    if (textStart > at) strippedIndent.push({ from: at, to: textStart });
    lines.push({ inputStart: input.length, sourceStart: textStart });
    input += source.slice(textStart, lineEnd + eol);
    at = lineEnd + eol;
  }
  return { input: input.replace(/[ \t\r\n]+$/, ''), lines, strippedIndent };
}

function toInputOffset(rebuilt: Rebuilt, offset: number): number {
  let line = rebuilt.lines[0]!;
  for (const candidate of rebuilt.lines) if (candidate.sourceStart <= offset) line = candidate;
  return line.inputStart + offset - line.sourceStart;
}

/** The ATX heading's content, if `source[start, end)` is one. */
function atxContent(source: string, start: number, end: number): { start: number; end: number } | undefined {
  const line = source.slice(start, end);
  const open = /^#{1,6}(?:[ \t]+|$)/.exec(line);
  if (!open) return undefined;
  let content = line.slice(open[0].length);
  const close = /(?:^|[ \t]+)#+[ \t]*$/.exec(content);
  if (close) content = content.slice(0, close.index);
  content = content.replace(/[ \t]+$/, '');
  return { start: start + open[0].length, end: start + open[0].length + content.length };
}

describe('parseInline on the corpus, against remark', () => {
  it('gives remark’s text and links for every top-level paragraph and heading', function () {
    requireMaterial(this, corpusDir(), 'corpus');
    const files = readCorpus();
    assert.ok(files.length > 300, `${files.length} corpus files`);
    let compared = 0;
    let withLinks = 0;
    const skipped: string[] = [];
    for (const file of files) {
      const root = parse(file.text);
      const identifiers = new Set<string>();
      for (const node of root.children) if (node.type === 'definition') identifiers.add(node.identifier);
      const isDefined = (identifier: string): boolean => identifiers.has(identifier);
      for (const node of root.children) {
        if (node.type !== 'paragraph' && node.type !== 'heading') continue;
        const start = node.position!.start.offset!;
        let end = node.position!.end.offset!;
        const where = `${file.path}:${node.position!.start.line}`;
        let rebuilt: Rebuilt;
        if (node.type === 'heading') {
          const atx = atxContent(file.text, start, end);
          if (atx === undefined) {
            // Setext: the underline is no content.
            end = file.text.slice(start, end).search(/(?:\r\n|\r|\n)[ \t]*(?:=+|-+)[ \t]*$/) + start;
            rebuilt = rebuild(file.text, start, end);
          } else {
            rebuilt = rebuild(file.text, atx.start, atx.end);
          }
        } else {
          rebuilt = rebuild(file.text, start, end);
        }
        // remark keeps a continuation line's indentation inside a code span; the inline content has none.
        const codeOverIndent = (function find(parent: Nodes): boolean {
          if (parent.type === 'inlineCode') {
            const { start: codeStart, end: codeEnd } = parent.position!;
            return rebuilt.strippedIndent.some((indent) => indent.from > codeStart.offset! && indent.to < codeEnd.offset!);
          }
          return 'children' in parent && parent.children.some(find);
        })(node);
        if (codeOverIndent) {
          skipped.push(where);
          continue;
        }
        const expected = remarkContent(node, 0);
        for (const link of expected.links) {
          link.start = toInputOffset(rebuilt, link.start);
          link.end = toInputOffset(rebuilt, link.end);
        }
        assert.deepEqual(parseInline(rebuilt.input, isDefined), expected, `${where} ${JSON.stringify(rebuilt.input)}`);
        compared++;
        if (expected.links.length > 0) withLinks++;
      }
    }
    assert.ok(compared > 4000, `${compared} paragraphs and headings compared`);
    assert.ok(withLinks > 250, `${withLinks} with links`);
    assert.ok(skipped.length <= 3, `skipped: ${skipped.join(', ')}`);
  });
});
