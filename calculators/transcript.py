"""An answer as plain text a person reads: what was entered, the verdict, every sentence, the clauses.

The CLI's ``--text`` prints it, and ``tests/artefacts/`` keeps it for every acceptance case in
both languages, so that a change of wording shows up as a diff a reviewer reads (as GOV.UK's
smart answers keep a rendered text of every outcome).
"""

from __future__ import annotations

from typing import Any

from . import CALCULATORS
from .clauses import cited
from .fields import Field
from .wording import join_list, pick

_WORDS = {
    "calculator": ("计算器", "Calculator"),
    "inputs": ("所填内容", "What was entered"),
    "verdict": ("结论", "Verdict"),
    "rejected": ("输入有误，未计算", "The input was rejected; nothing was calculated"),
    "why": ("说明", "Why"),
    "rests_on": ("本答案依据的本站理解", "This answer rests on this site's readings"),
    "notes": ("附注", "Notes"),
    "errors": ("请修改", "To correct"),
    "none": ("（未填）", "(not given)"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}


def _say(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)


def _value(value: Any, lang: str) -> str:
    if value is None or value == [] or value == "":
        return _say("none", lang)
    if isinstance(value, bool):
        return _say("yes" if value else "no", lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return join_list(lang, (_value(item, lang) for item in value))
    return str(value)


def _shown(field: Field, value: Any, lang: str) -> str:
    """A value as the form shows it: a choice by its name, never its code."""
    choice = next((c for c in field.choices if c.value == value), None)
    return pick((choice.zh, choice.en), lang) if choice else _value(value, lang)


def _record(fields: list[dict[str, Any]], index: int, record: dict[str, Any], lang: str) -> str:
    """One nominee on one line, with the form's labels and choice names: 第1人：姓名：A；……；署名专家职称：副高级."""
    parts = []
    for f in fields:
        value = record.get(f["name"])
        choice = next((c for c in f.get("choices", ()) if c["value"] == value), None)
        shown = choice[lang] if choice else _value(value, lang)
        parts.append(f"{f['label'][lang]}{pick(('：', ': '), lang)}{shown}")
    return f"第{index}人：" + "；".join(parts) if lang == "zh" else f"Nominee {index}: " + "; ".join(parts)


def _inputs(name: str, inputs: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for field in CALCULATORS[name].fields:
        if field.name in inputs:
            label = pick((field.label_zh, field.label_en), lang)
            value = inputs[field.name]
            records = field.extra.get("fields") if field.kind == "records" else None
            shown = _shown(field, value, lang) if not (records and value) else ""
            lines.append(f"  {label}（{field.name}）：{shown}" if lang == "zh" else f"  {label} ({field.name}): {shown}")
            if records and value:
                lines += [f"    {_record(records, i, record, lang)}" for i, record in enumerate(value, 1)]
    return [line.rstrip() for line in lines]


def verdict(answer: dict[str, Any], lang: str) -> str | None:
    """The answer's own headline (None when the answer judges nothing)."""
    return answer["verdict"][lang] if answer.get("verdict") else None


def text(answer: dict[str, Any], lang: str) -> str:
    """The whole answer in one language, one fact per line."""
    name = answer.get("calculator", "")
    colon = pick(("：", ": "), lang)
    heading = pick(("：", ":"), lang)
    if name not in CALCULATORS:
        return "\n".join(e[lang] for e in answer.get("errors", []))
    title = pick(CALCULATORS[name].title, lang)
    lines = [f"{_say('calculator', lang)}{colon}{title}（{name}）" if lang == "zh" else
             f"{_say('calculator', lang)}{colon}{title} ({name})"]
    if not answer["ok"]:
        lines.append(f"{_say('verdict', lang)}{colon}{_say('rejected', lang)}")
        lines.append(f"{_say('errors', lang)}{heading}")
        lines += [f"  - {e[lang]}" for e in answer["errors"]]
        return "\n".join(lines)
    lines.append(f"{_say('inputs', lang)}{heading}")
    lines += _inputs(name, answer["inputs"], lang)
    headline = verdict(answer, lang)
    if headline:
        lines.append(f"{_say('verdict', lang)}{colon}{headline}")
    lines.append(f"{_say('why', lang)}{heading}")
    lines += [f"  {number}. {sentence}" for number, sentence in enumerate(answer["explanation"][lang], 1)]
    if answer["rests_on"][lang]:
        lines.append(f"{_say('rests_on', lang)}{heading}")
        lines += [f"  - {line}" for line in answer["rests_on"][lang]]
    if answer["notes"]:
        lines.append(f"{_say('notes', lang)}{heading}")
        lines += [f"  - {note[lang]}" for note in answer["notes"]]
    lines.append(cited(answer["clauses"], lang))
    return "\n".join(lines)
