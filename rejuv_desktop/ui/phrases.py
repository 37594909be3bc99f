"""The one place the screens turn the domain's codes into sentences, through Qt's translations.

The recommendation's lines and their findings come from the domain as codes with parameters;
this module gives the ``Phrasebook`` (shared with the documents) its patterns translated with
``Phrases.tr()``, so a translation of the interface translates them too. Lines stored as sentences by
earlier versions are shown exactly as stored. Planned-session lines are formatted here too.
"""

from __future__ import annotations

from functools import lru_cache


from rejuv_desktop.documents.phrases import Phrasebook
from rejuv_desktop.domain.schedule import PlannedSession
from rejuv_desktop.ui.i18n import Context, fmt_date, fmt_day_month


class Phrases(Context):
    """The context of the recommendation's words in the catalogues."""


def _patterns() -> dict[str, str]:
    return {
        "concern.volume_loss": Phrases.tr("volume loss"),
        "concern.prominent_veins": Phrases.tr("prominent veins"),
        "concern.prominent_tendons": Phrases.tr("prominent tendons"),
        "concern.crepey_skin": Phrases.tr("crepey skin"),
        "concern.dryness": Phrases.tr("dryness"),
        "concern.loss_of_elasticity": Phrases.tr("loss of elasticity"),
        "concern.lentigines": Phrases.tr("age spots (lentigines)"),
        "concern.other": Phrases.tr("other concern"),
        "word.left": Phrases.tr("left"),
        "word.right": Phrases.tr("right"),
        "word.list_and": Phrases.tr(" and "),
        "word.fat_transfer": Phrases.tr("fat transfer"),
        "word.mesotherapy": Phrases.tr("mesotherapy"),
        "word.hydration": Phrases.tr("hydration"),
        "word.elasticity": Phrases.tr("elasticity"),
        "word.texture": Phrases.tr("texture"),
        "word.poor": Phrases.tr("Poor"),
        "word.crepey": Phrases.tr("Crepey"),
        "word.insufficient": Phrases.tr("insufficient"),
        "word.limited": Phrases.tr("limited"),
        "word.waits_unknown": Phrases.tr("see the screening"),
        "word.lentigines_none": Phrases.tr("none"),
        "word.lentigines_few": Phrases.tr("a few"),
        "word.lentigines_many": Phrases.tr("many"),
        "filler.alternative": Phrases.tr("Hyaluronic-acid or calcium hydroxylapatite filler is the "
                                 "non-surgical alternative for volume."),
        "filler.alternative_if_safe": Phrases.tr("The alternative for volume is a hyaluronic-acid or calcium "
                                         "hydroxylapatite filler, if it is safe for this patient."),
        "filler.ruled_out": Phrases.tr("Fillers are not an alternative for this patient: a bleeding or "
                               "clotting disorder rules them out."),
        "line.refer_dermatology": Phrases.tr(
            "Refer to a dermatologist to assess the suspicious spot before any treatment of the "
            "hands. Nothing else is recommended until the spot has been cleared."),
        "line.fat_transfer_not_feasible": Phrases.tr(
            "Fat transfer is not feasible: there is not enough fat to harvest. {filler}"),
        "line.fat_transfer_contraindicated": Phrases.tr(
            "Fat transfer is not recommended: screening rules it out. {filler}"),
        "line.fat_transfer_after_wait": Phrases.tr(
            "Fat transfer to the backs of the hands to restore volume, after the wait: {waits}. "
            "{filler}"),
        "line.fat_transfer": Phrases.tr("Fat transfer to the backs of the hands to restore volume. {filler}"),
        "line.donor_fat_limited": Phrases.tr(
            "Donor fat is limited: about 2 mL is harvested for each 1 mL injected, and the usual "
            "volume is about {low} to {high} mL per hand. Confirm enough can be harvested, or "
            "plan a filler."),
        "line.volume_mild": Phrases.tr(
            "Volume loss is mild: fat transfer is not indicated now. Both hands are below the "
            "clinic's threshold of Merz grade {grade} for volume treatment, a figure "
            "{borrowed_from}."),
        "line.grade_hands_first": Phrases.tr(
            "Grade both hands on the Merz scale before deciding on volume treatment."),
        "line.mesotherapy_contraindicated": Phrases.tr(
            "Mesotherapy is not recommended: screening rules it out. No other treatment for skin "
            "quality is advised for now; this can be reviewed if the reason no longer applies."),
        "line.mesotherapy_after_wait": Phrases.tr(
            "A series of hand mesotherapy sessions to improve skin hydration, elasticity and "
            "texture, after the wait: {waits}."),
        "line.mesotherapy": Phrases.tr(
            "A series of hand mesotherapy sessions to improve skin hydration, elasticity and "
            "texture."),
        "line.mesotherapy_no_volume": Phrases.tr(
            "Mesotherapy alone is not enough for these concerns: it restores no volume and does "
            "not change how visible veins and tendons are."),
        "line.combined": Phrases.tr(
            "Combined protocol: fat transfer for volume and a mesotherapy series for skin quality."),
        "line.fat_transfer_caution": Phrases.tr(
            "Fat transfer needs extra care for the screening points found: anything not known is "
            "confirmed first, and the reason to go ahead is recorded (a justification, doctor's "
            "letter or counselling note)."),
        "line.mesotherapy_caution": Phrases.tr(
            "Mesotherapy needs extra care for the screening points found: anything not known is "
            "confirmed first, and the reason to go ahead is recorded (a justification, doctor's "
            "letter or counselling note)."),
        "line.screening_missing": Phrases.tr(
            "Screening has not been recorded for {procedures}: complete it before treatment."),
        "line.procedure": Phrases.tr("{recommendation}"),
        "line.procedure_after_wait": Phrases.tr("{recommendation}, after the wait: {waits}."),
        "line.procedure_caution": Phrases.tr(
            "{label} needs extra care for the screening points found: anything not known is "
            "confirmed first, and the reason to go ahead is recorded (a justification, doctor's "
            "letter or counselling note)."),
        "line.refer_pigment": Phrases.tr(
            "Refer for the age spots (lentigines): pigment laser, IPL or topical tretinoin. "
            "Mesotherapy does not treat them."),
        "line.other_concern": Phrases.tr(
            "Other concern noted: assess and discuss it separately; these rules do not cover it."),
        "line.no_indication": Phrases.tr("No finding calls for fat transfer or mesotherapy."),
        "finding.volume": Phrases.tr("{concerns} with Merz grade {left} / {right}"),
        "finding.merz_side": Phrases.tr("{grade} ({side})"),
        "finding.merz_not_graded": Phrases.tr("not graded ({side})"),
        "finding.donor_fat": Phrases.tr("Donor fat: {value}"),
        "finding.screening": Phrases.tr("Screening: {reason}"),
        "finding.skin_sign": Phrases.tr("{value} {scale} ({side})"),
        "finding.merz_threshold": Phrases.tr("Clinic threshold: {label}, {grade} (evidence [{evidence}])"),
        "finding.suspicious_spot": Phrases.tr("Suspicious spot on the back of the hand"),
        "finding.lentigines": Phrases.tr("Age spots (lentigines)"),
        "finding.other_concern": Phrases.tr("Other concern"),
        "finding.because": Phrases.tr("Because: {findings}"),
    }


@lru_cache(maxsize=1)
def phrasebook() -> Phrasebook:
    """The screens' phrasebook, in the interface's language (built once: the language is set
    before the first window opens)."""
    return Phrasebook(_patterns())


def concern_label(code: str) -> str:
    """A concern as the screens name it, lower case."""
    return phrasebook().concern(code)


def planned_session_line(session: PlannedSession) -> str:
    """One planned session as the consultation's plan page shows it:
    ``2: 21/01/2025 (between 21/01 and 27/01)``, the window only when it has one."""
    if session.earliest == session.latest:
        return Phrases.tr("{n}: {target}").format(n=session.number, target=fmt_date(session.target))
    return Phrases.tr("{n}: {target} (between {earliest} and {latest})").format(
        n=session.number, target=fmt_date(session.target),
        earliest=fmt_day_month(session.earliest), latest=fmt_day_month(session.latest))
