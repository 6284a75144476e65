import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'

/**
 * Main-text extraction from an HTML page: Readability finds the article in a linkedom document,
 * and its content is flattened to plain text one block (paragraph, heading, list item, ...) at a
 * time, blocks separated by a blank line, white space inside a block collapsed to single spaces.
 * Readability's own `textContent` runs the paragraphs together, which would hide the paragraph
 * structure the segment stage relies on.
 */

/** The part of the DOM this module reads, as linkedom provides it. */
interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly nodeValue: string | null
  readonly childNodes: ArrayLike<DomNode>
}

interface DomDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null
}

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/** Elements that start a new block of text. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'address article aside blockquote caption dd details div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table ' +
    'tbody thead tfoot tr ul'
  ).split(' '),
)
/** Elements that separate words without starting a block. */
const BREAK_ELEMENTS: ReadonlySet<string> = new Set(['br', 'td', 'th', 'img'])
/** Blocks that hold running prose, as opposed to navigation lists and captions. */
const PROSE_ELEMENTS: ReadonlySet<string> = new Set(['p', 'pre', 'blockquote'])
/**
 * A prose block this long (in words) makes a page an article. Readability returns its best
 * candidate even for a page with no article (a navigation list), so its verdict alone is not
 * enough.
 */
const MIN_PROSE_WORDS = 8

/** What an HTML page yields: its article's text and the metadata Readability reads. */
export interface HtmlArticle {
  readonly title: string | null
  /** Blocks separated by blank lines; not yet typographically normalised. */
  readonly text: string
  readonly siteName: string | null
  /** Readability's published time, as the page gives it. */
  readonly publishedTime: string | null
  /** The page's canonical URL, when it names one. */
  readonly url: string | null
}

/**
 * Extracts the article of an HTML page, or null when the page has none (no prose paragraph of
 * at least eight words).
 *
 * @example
 * extractHtmlArticle('<body><nav>...</nav><article><p>One.</p><p>Two.</p></article></body>')
 * // { title: '...', text: 'One.\n\nTwo.', ... } (when the paragraphs are long enough)
 */
export function extractHtmlArticle(html: string): HtmlArticle | null {
  const { document } = parseHTML(html)
  const url = canonicalUrl(document as DomDocument)
  // The serializer hands back the content element itself, to walk, instead of its HTML.
  const reader = new Readability<DomNode>(document, { serializer: (node) => node as DomNode })
  const parsed = reader.parse()
  if (!parsed?.content) return null
  const blocks: Block[] = []
  collectBlocks(parsed.content, blocks, { text: '', prose: false })
  const kept = blocks.filter((b) => b.text !== '')
  if (!kept.some((b) => b.prose && b.text.split(' ').length >= MIN_PROSE_WORDS)) return null
  return {
    title: parsed.title?.trim() || null,
    text: kept.map((b) => b.text).join('\n\n'),
    siteName: parsed.siteName?.trim() || null,
    publishedTime: parsed.publishedTime?.trim() || null,
    url,
  }
}

interface Block {
  readonly text: string
  readonly prose: boolean
}

interface OpenBlock {
  text: string
  prose: boolean
}

/** Walks `node`, appending text to `open` and closing it into `blocks` at block boundaries. */
function collectBlocks(node: DomNode, blocks: Block[], open: OpenBlock): void {
  if (node.nodeType === TEXT_NODE) {
    open.text += node.nodeValue ?? ''
    return
  }
  if (node.nodeType !== ELEMENT_NODE) return
  const name = node.nodeName.toLowerCase()
  if (BREAK_ELEMENTS.has(name)) open.text += ' '
  const isBlock = BLOCK_ELEMENTS.has(name)
  if (isBlock) closeBlock(blocks, open)
  if (PROSE_ELEMENTS.has(name)) open.prose = true
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i]
    if (child) collectBlocks(child, blocks, open)
  }
  if (isBlock) closeBlock(blocks, open)
}

function closeBlock(blocks: Block[], open: OpenBlock): void {
  // Collapse HTML white space (space, tab, newline, CR, form feed), not no-break spaces: those
  // are the text's own and become plain spaces in normalisation.
  const text = open.text.replace(/[ \t\n\r\f]+/g, ' ').trim()
  blocks.push({ text, prose: open.prose })
  open.text = ''
  open.prose = false
}

function canonicalUrl(document: DomDocument): string | null {
  const link = document.querySelector('link[rel="canonical"]')?.getAttribute('href')
  const og = document.querySelector('meta[property="og:url"]')?.getAttribute('content')
  return link?.trim() || og?.trim() || null
}
