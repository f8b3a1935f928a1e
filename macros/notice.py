"""The notice as data: the Chinese text read from ``source/``, cut into clauses, with the English beside it.

The Chinese comes from the PDF extraction in ``source/notice.zh.txt`` and nothing else:
its line breaks and spaces are layout, so they are dropped, and no other character
is touched. Clause boundaries are found by the text each clause starts with.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE = Path(__file__).resolve().parent.parent / "source"

# (id, kind, the text the clause starts with, texts that start a new paragraph inside it)
STRUCTURE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("title", "title", "毕节市人力资源和社会保障局关于做好", ()),
    ("preamble", "preamble", "各县（自治县、市、区）", ("根据《贵州省",)),
    ("s1", "part", "一、持续落实支持政策", ()),
    ("s1-1", "item", "（一）落实基层倾斜政策", ()),
    ("s1-2", "item", "（二）落实关心关爱政策", ()),
    ("s1-3", "item", "（三）支持单位自主评审", ()),
    ("s2", "part", "二、优化职称评审服务质效", ()),
    ("s2-1", "item", "（一）引导专业技术人员", ()),
    ("s2-2", "item", "（二）利用政务数据核验", ()),
    ("s2-3", "item", "（三）优化特殊人才职称申报政策", ()),
    ("s2-4", "item", "（四）推进职称证书跨地区核验工作", ()),
    ("s3", "part", "三、加强职称评审监管力度", ()),
    ("s3-1", "item", "（一）切实发挥用人单位", ()),
    ("s3-2", "item", "（二）提升评委会评审工作质量", ()),
    ("s3-3", "item", "（三）开展职称评审诚信环境治理工作", ()),
    ("s4", "part", "四、推进专业技术人员继续教育", ("专业技术人员应当适应",)),
    ("s4-1", "item", "（一）鼓励参加数字技术工程师培训", ()),
    ("s4-2", "item", "（二）继续开展继续教育学习提升", ()),
    ("s4-3", "item", "（三）加强对继续教育基地的考核管理", ()),
    ("s5", "part", "五、认真做好相关工作", ()),
    ("s5-1", "item", "（一）统一时间安排", ()),
    ("s5-2", "item", "（二）同步开展专项评审", ()),
    ("s5-3", "item", "（三）强化政策业务宣传", ()),
    ("s5-4", "item", "（四）把握时间节点", ()),
    ("s5-5", "item", "（五）合理计算年限", ()),
    ("closing", "closing", "本通知未提及的有关职称政策", ()),
    ("signature", "signature", "毕节市人力资源和社会保障局2023年", ("2023年4月27日",)),
)

ANNEXES = (
    ("annex-1", "附件1", "举荐报告（名称为本站据正文所拟）", "s2-3"),
    ("annex-2", "附件2", "毕节市事业单位专业技术人员按岗推荐评聘职称审核情况表", "s3-1"),
    ("annex-3", "附件3", "全省统一的时间节点（名称为本站据正文所拟）", "s5-1"),
)

PART_NUMERALS = "一二三四五"
ROMAN = ("I", "II", "III", "IV", "V")


@dataclass(frozen=True)
class Clause:
    """One clause: its id, kind, Chinese and English paragraphs, headings and citation labels."""

    id: str
    kind: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    heading_zh: str
    heading_en: str
    label_zh: str
    label_en: str


def source_text() -> str:
    """The Chinese source exactly as extracted from the PDF."""
    return (SOURCE / "notice.zh.txt").read_text(encoding="utf-8")


def reflow(text: str) -> str:
    """The source without its layout: every line break and stray space removed."""
    return re.sub(r"\s+", "", text)


def _split(text: str, markers: tuple[str, ...]) -> tuple[str, ...]:
    cuts = [0] + [text.index(marker) for marker in markers] + [len(text)]
    return tuple(text[a:b] for a, b in zip(cuts, cuts[1:], strict=False))


def _labels_zh(clause_id: str, kind: str) -> str:
    if kind == "part":
        return f"第{PART_NUMERALS[int(clause_id[1]) - 1]}部分"
    if kind == "item":
        part, item = clause_id[1:].split("-")
        return f"第{PART_NUMERALS[int(part) - 1]}部分第（{PART_NUMERALS[int(item) - 1]}）项"
    return {"title": "标题", "preamble": "主送及开头", "closing": "结尾", "signature": "落款"}[kind]


def _heading_zh(kind: str, paragraphs: tuple[str, ...]) -> str:
    first = paragraphs[0]
    if kind == "item":
        return first[3:first.index("。")]
    if kind == "part":
        return first[2:]
    return first


@functools.cache
def clauses() -> tuple[Clause, ...]:
    """Every clause of the notice, in order, annexes last."""
    text = reflow(source_text())
    starts = [text.index(marker) for _, _, marker, _ in STRUCTURE]
    if starts != sorted(starts) or starts[0] != 0:
        raise ValueError("clause markers are out of order in source/notice.zh.txt")
    english = yaml.safe_load((SOURCE / "notice.en.yml").read_text(encoding="utf-8"))
    result = []
    for (clause_id, kind, _, paragraph_markers), start, end in zip(STRUCTURE, starts, starts[1:] + [len(text)],
                                                                   strict=True):
        paragraphs = _split(text[start:end], paragraph_markers)
        en = english[clause_id]
        result.append(Clause(clause_id, kind, paragraphs, tuple(en["paragraphs"]), _heading_zh(kind, paragraphs),
                             en["heading"], _labels_zh(clause_id, kind), en["label"]))
    for clause_id, label, heading, _ in ANNEXES:
        en = english[clause_id]
        result.append(Clause(clause_id, "annex", (f"{label}：{heading}",), tuple(en["paragraphs"]), heading,
                             en["heading"], label, en["label"]))
    return tuple(result)


def by_id() -> dict[str, Clause]:
    """The clauses keyed by id."""
    return {c.id: c for c in clauses()}
