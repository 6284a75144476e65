/**
 * A cheap check that a text is English, so that the English-only stages are not run on a
 * Spanish or Russian story.
 *
 * The rule, over the first 400 word tokens of a text of at least 30 words:
 *
 * 1. English running text is full of short function words ("the", "of", "said"): they make up
 *    roughly 30–50% of the tokens of a news story. A share of at least 8% passes as English.
 * 2. A lower share alone does not prove another language: wire tables ("Shr 45 cts vs 58 cts
 *    Net 1.1 mln vs 829,000") are English with almost no function words. So a text is judged
 *    non-English only when it also shows positive signs of another language: at least 15% of its
 *    tokens are function words of Spanish, Portuguese, French, Italian, German or Dutch, or most
 *    of its tokens are written in a script other than Latin (Cyrillic, Greek, Arabic, Han, ...).
 *
 * Texts under 30 words (headlines, briefs, short tables) are not judged.
 */

/** Function words frequent in English news. */
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  (
    'the of and to in a an is are was were be been has have had it its that this these for on ' +
    'with as at by from said says he she they we his her their not but or will would which who ' +
    'than after also over into about more'
  ).split(' '),
)

/**
 * Function words of the major Latin-script European languages that are not English words (and
 * not frequent in English names: "de", "la", "van" and "die" are left out).
 */
const OTHER_WORDS: ReadonlySet<string> = new Set(
  (
    // Spanish and Portuguese
    'el los las del y que en por con para una un se es lo su sus como pero más muy ya fue ' +
    'entre sobre también o da do dos das em não uma os ao foi são pelo pela ' +
    // French and Italian
    'le les et du des est une pour dans qui pas au aux sur ne ce cette sont ont été il elle ' +
    'che di e non della delle dei gli nel nella sono è ha ed anche ' +
    // German and Dutch
    'der das und den von zu mit sich des auf für ist im dem nicht ein eine einer als auch es ' +
    'wird wurde sind bei nach aus noch het een en dat niet zijn wordt voor ook'
  ).split(' '),
)

/** Only the opening of a long text is judged: the language rarely changes further on. */
const SAMPLE_WORDS = 400
/** Below this many tokens the shares are too noisy to judge. */
const MIN_WORDS = 30
/** The share of English function words that passes a text as English. */
const MIN_ENGLISH_SHARE = 0.08
/**
 * The share of other languages' function words that marks a text as foreign: Spanish and German
 * news paragraphs score 20–35%; no Reuters-21578 story that fails the English share scores
 * above 8% (the highest are commodity price tables).
 */
const MIN_OTHER_SHARE = 0.15
/** The share of non-Latin tokens that marks a text as foreign. */
const MIN_NON_LATIN_SHARE = 0.5

/**
 * A token: one Han or kana character (those scripts put no spaces between words), else a run of
 * letters with inner apostrophes or hyphens ("don't", "so-called") that is not glued to digits
 * ("17un" in a price table is no word).
 */
const UNSPACED_CHARACTER = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]'
/** "don't", "so-called", "Bürgermeister"; not "un" in "17un" nor "de" in "DEC7". */
const WORD = "(?<![\\p{L}\\p{N}])\\p{L}+(?:['-]\\p{L}+)*(?![\\p{L}\\p{N}])"
const TOKEN = new RegExp(`${UNSPACED_CHARACTER}|${WORD}`, 'gu')
const LATIN = /^\p{Script=Latin}/u

/** The shares behind the judgement, for tests and debugging. */
export interface LanguageShares {
  readonly tokens: number
  readonly english: number
  readonly other: number
  readonly nonLatin: number
}

/**
 * Counts English and other-language function words and non-Latin tokens among the first 400
 * tokens of `text`.
 *
 * @example
 * languageShares('The minister said on Tuesday that ...').english // about 0.4 for English news
 */
export function languageShares(text: string): LanguageShares {
  let tokens = 0
  let english = 0
  let other = 0
  let nonLatin = 0
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0].toLowerCase()
    tokens++
    if (ENGLISH_WORDS.has(word)) english++
    else if (OTHER_WORDS.has(word)) other++
    if (!LATIN.test(word)) nonLatin++
    if (tokens >= SAMPLE_WORDS) break
  }
  const share = (n: number): number => (tokens === 0 ? 0 : n / tokens)
  return { tokens, english: share(english), other: share(other), nonLatin: share(nonLatin) }
}

/**
 * Whether `text` reads as a language other than English, by the rule in this module's header.
 * Texts under 30 words are never judged non-English.
 *
 * @example
 * isNonEnglish('El gobierno anunció el martes que ...') // true for a paragraph of Spanish
 */
export function isNonEnglish(text: string): boolean {
  const shares = languageShares(text)
  if (shares.tokens < MIN_WORDS || shares.english >= MIN_ENGLISH_SHARE) return false
  return shares.other >= MIN_OTHER_SHARE || shares.nonLatin > MIN_NON_LATIN_SHARE
}
