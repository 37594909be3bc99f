"""The patient's outcome summary: Merz grades before and after treatment (chart and table),
what each review found, and complications, in the words of the language's labels."""

from __future__ import annotations

from rejuv_desktop.documents.context import OutcomeSummaryContext, RenderedDocument
from rejuv_desktop.documents.labels import load_labels
from rejuv_desktop.documents.render import _block_data, _check_context, _common_values, _dates, _render, _require
from rejuv_desktop.documents.templates import load_template
from rejuv_desktop.domain.outcomes import load_outcomes
from rejuv_desktop.domain.scales import load_scales


def render_outcome_summary(ctx: OutcomeSummaryContext, lang: str = "en") -> RenderedDocument:
    for row in ctx.grades:
        for grade in (row.left, row.right):
            _require(grade is None or (isinstance(grade, int) and 0 <= grade <= 4), "grades",
                     "a Merz grade is 0 to 4")
    _check_context(ctx)
    tpl = load_template("outcome_summary", None, lang)
    labels = load_labels(lang)
    content, gais = load_outcomes(), load_scales().gais
    data = _block_data(ctx, labels)

    def grade(value):
        return labels["outcome_not_graded"] if value is None else str(value)

    data.tables = {
        "grades": [(labels.date(r.day), r.visit or labels["outcome_baseline"], grade(r.left),
                    grade(r.right)) for r in ctx.grades],
        "complications": [
            (labels.date(c.onset),
             labels.format("outcome_complication",
                           type=c.detail if c.type == "other" and c.detail
                           else content.label("complication_types", c.type),
                           site=content.label("sites", c.site).lower(),
                           severity=content.label("severities", c.severity).lower()),
             labels.format("outcome_resolved", date=labels.date(c.resolved)) if c.resolved
             else labels["outcome_not_resolved"])
            for c in ctx.complications],
    }
    lines = []
    satisfaction = dict(content.satisfaction_points)
    for a in ctx.assessments:
        answers = []
        if a.gais_practitioner is not None:
            answers.append(labels.format("outcome_gais_practitioner", score=a.gais_practitioner,
                                         label=gais.label(a.gais_practitioner).lower()))
        if a.gais_patient is not None:
            answers.append(labels.format("outcome_gais_patient", score=a.gais_patient,
                                         label=gais.label(a.gais_patient).lower()))
        if a.satisfaction is not None:
            answers.append(labels.format("outcome_satisfaction",
                                         label=satisfaction.get(a.satisfaction, a.satisfaction)))
        if a.touch_up_wanted is not None:
            answers.append(labels.format("outcome_touch_up",
                                         answer=labels["yes" if a.touch_up_wanted else "no"].lower()))
        if a.hand_q_score is not None:
            answers.append(labels.format("outcome_hand_q", score=f"{a.hand_q_score:g}"))
        lines.append(labels.format("outcome_assessment", date=labels.date(a.day), visit=a.visit,
                                   answers="; ".join(answers) or labels["outcome_nothing_assessed"]))
    data.lists = {"assessments": lines}
    series: dict[str, list] = {}
    for r in ctx.grades:
        for side, value in (("left", r.left), ("right", r.right)):
            if value is not None:
                series.setdefault(side, []).append((r.day, value, not r.visit))
    data.grade_series = series
    values = _common_values(ctx, labels)
    return _render(tpl, labels, ctx, values, _dates(tpl, labels, {"issued_on": ctx.issued_on}), data)
