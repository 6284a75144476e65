/**
 * How CAMEO codes an act that is asked for, promised, demanded, refused or threatened rather
 * than done. The codebook builds these families in parallel (chapter 2): an appeal for aid is
 * 023, a promise of aid 033, a demand for aid 103, a refusal of aid 122; an appeal to meet is
 * 026, a promise 036, a demand 106, a refusal 125. So every such code is read off the code of the
 * act itself, through its "appeal form" (the 02x code that asks for it).
 */

/** What the codebook calls the wanted act, as the 02x code that appeals for it. */
const APPEAL_FORM: ReadonlyArray<readonly [string, string]> = [
  // Consult (04): meeting, visiting, negotiating are asked for as 026; mediation as 028.
  ['045', '028'],
  ['04', '026'],
  // Intents (03) mirror appeals digit for digit (031 ↔ 021, 0333 ↔ 0233, 036 ↔ 026): see below.
  ['039', '028'],
  ['038', '028'],
  // Diplomatic cooperation (05): policy support is 022; signing an agreement settles a dispute.
  ['057', '027'],
  ['05', '022'],
  // Material cooperation (06) and aid (07).
  ['061', '0211'],
  ['062', '0212'],
  ['063', '0213'],
  ['064', '0214'],
  ['06', '021'],
  ['071', '0231'],
  ['072', '0232'],
  ['073', '0233'],
  ['074', '0234'],
  ['075', '0233'],
  ['07', '023'],
  // Yield (08): the sub-forms of 025 follow 081..087; stepping down is a change of leadership.
  ['0831', '0241'],
  ['0832', '0242'],
  ['0833', '0243'],
  ['0834', '0244'],
  ['083', '024'],
  ['081', '0251'],
  ['082', '0252'],
  ['084', '0253'],
  ['085', '0254'],
  ['086', '0255'],
  ['087', '0256'],
  ['08', '025'],
]

/** The 02x code of an appeal for an act, or null when the act is not one that is asked for. */
export function appealForm(code: string): string | null {
  if (code.startsWith('02')) return code
  for (const [prefix, form] of APPEAL_FORM) if (code.startsWith(prefix)) return form
  if (code.startsWith('03')) return `02${code.slice(2)}`
  return null
}

/** An appeal code read as a promise: 026 → 036, 0233 → 0333 (the 03 family mirrors 02). */
function intentOfAppeal(appeal: string): string {
  return `03${appeal.slice(2)}`
}

/** An appeal code read as a demand: 026 → 106, 0253 → 1053 (the 10 family mirrors 02). */
function demandOfAppeal(appeal: string): string {
  return `10${appeal.slice(2)}`
}

/** An appeal code read as a refusal: the 12 family regroups the forms (chapter 2.12). */
const REFUSAL_OF_APPEAL: ReadonlyArray<readonly [string, string]> = [
  ['021', '121'],
  ['022', '120'],
  ['023', '122'],
  ['024', '123'],
  ['025', '124'],
  ['026', '125'],
  ['027', '127'],
  ['028', '126'],
]

function refusalOfAppeal(appeal: string): string {
  for (const [prefix, base] of REFUSAL_OF_APPEAL) {
    // Sub-forms keep their last digit: 0211 → 1211, 0253 → 1243, 0241 → 1231.
    if (appeal.startsWith(prefix)) return appeal.length > 3 ? `${base}${appeal.slice(3)}` : base
  }
  return '120'
}

/** The threat of a hostile act (chapter 2.13): the 13x code for the act it threatens. */
const THREAT_FORM: ReadonlyArray<readonly [string, string]> = [
  ['161', '1313'],
  ['162', '1311'],
  ['163', '1312'],
  ['164', '134'],
  ['165', '135'],
  ['166', '136'],
  ['16', '131'],
  ['1721', '1321'],
  ['1722', '1322'],
  ['1723', '1323'],
  ['1724', '1324'],
  ['172', '132'],
  ['173', '137'],
  ['174', '137'],
  ['175', '137'],
  ['17', '137'],
  ['14', '133'],
  ['18', '1383'],
  ['191', '1381'],
  ['192', '1382'],
  ['19', '138'],
  ['204', '1385'],
  ['20', '1385'],
]

/** The 13x code that threatens an act, or null for an act that is not hostile. */
export function threatForm(code: string): string | null {
  if (code.startsWith('13')) return code
  for (const [prefix, form] of THREAT_FORM) if (code.startsWith(prefix)) return form
  return null
}

/** The roots of hostile acts: announcing one is a threat (chapter 2.13, "Threaten"). */
export function isHostile(code: string): boolean {
  return Number(code.slice(0, 2)) >= 14
}

/** Roots of acts made in words (statements, appeals, intents, demands, criticism, rejections, threats). */
export function isVerbal(code: string): boolean {
  return ['01', '02', '03', '10', '11', '12', '13'].includes(code.slice(0, 2))
}

/**
 * How a framing verb presents its complement: asked for, demanded, promised ("agreed to",
 * "pledged to": a commitment, a hostile one included), vowed (a hostile act vowed is a threat),
 * refused, threatened.
 */
export type Frame = 'appeal' | 'demand' | 'intent' | 'vow' | 'reject' | 'threaten'

/**
 * The code of an act as a frame presents it: "urged X to meet" is 026, "demanded the release" 1053,
 * "offered to mediate" 039, "refused to withdraw" 1246, "threatened to attack" 138. Null when
 * the act does not fit the frame (a promise to attack is coded as a threat by `intentCode`).
 */
export function framedCode(frame: Frame, act: string): string | null {
  // "threatened to attack", "vowed to fight": a threat; "agreed to impose a duty", "pledged
  // to expel": a commitment to the act itself.
  if (frame === 'threaten' || (frame === 'vow' && isHostile(act))) return threatForm(act)
  if (frame === 'intent' && isHostile(act)) return act
  // "called for sanctions against X": soliciting others to punish a party rallies opposition (113).
  if ((frame === 'appeal' || frame === 'demand') && isHostile(act)) return '113'
  const appeal = appealForm(act)
  if (!appeal) return null
  switch (frame) {
    case 'appeal':
      return appeal
    case 'demand':
      return demandOfAppeal(appeal)
    case 'intent':
    case 'vow':
      // Offering to mediate is 039; the appeal form (028) would read it as accepting mediation.
      return act.startsWith('045') || act.startsWith('039') ? '039' : intentOfAppeal(appeal)
    case 'reject':
      return refusalOfAppeal(appeal)
  }
}

/**
 * The code of an act that is planned, offered or wanted: a cooperative act is an intent (03x), a
 * hostile act a threat (13x), an act made in words keeps its code.
 */
export function intentCode(act: string): string | null {
  if (isVerbal(act)) return act
  if (isHostile(act)) return threatForm(act)
  return framedCode('intent', act)
}

/** The code of an act that is refused or ruled out (12x), or null when refusing it means nothing. */
export function refusalCode(act: string): string | null {
  if (act.startsWith('12')) return act
  return framedCode('reject', act)
}
