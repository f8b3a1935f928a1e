"""Words of the interface (not of the notice) in both languages, keyed by purpose."""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    "copy_link": ("复制链接", "Copy link"),
    "copy_citation": ("复制引用", "Copy citation"),
    "copied": ("已复制", "Copied"),
    "copy_failed": ("无法自动复制，请手动复制：", "Could not copy automatically; copy it by hand:"),
    "clause_link_title": ("本条款的永久链接", "Permanent link to this clause"),
    "to_calculator": ("用计算器计算 →", "Use the calculator →"),
    "calculate": ("计算", "Calculate"),
    "copy_calc_link": ("复制本次计算的链接", "Copy a link to this calculation"),
    "loading": ("正在加载计算引擎（首次约需数秒）…", "Loading the calculator engine (a few seconds the first time)…"),
    "loading_runtime": ("正在下载 Python 运行环境…", "Downloading the Python runtime…"),
    "loading_python": ("正在启动 Python…", "Starting Python…"),
    "loading_wheel": ("正在载入计算规则…", "Loading the calculators…"),
    "ready": ("计算引擎已就绪，填写后点击“计算”。", "The engine is ready: fill in the form and press “Calculate”."),
    "failed": ("计算引擎未能在本浏览器中启动，无法在此计算。请按条款原文自行核对：",
               "The calculator engine could not start in this browser, so it cannot answer here. "
               "Check the rule in the clause text:"),
    "no_wasm": ("本浏览器不支持 WebAssembly，无法运行计算器。请按条款原文自行核对：",
                "This browser does not support WebAssembly, so the calculator cannot run. Check the rule in the clause text:"),
    "noscript": ("计算器需要启用 JavaScript。计算规则见页面上方的“计算口径”及条款原文：",
                 "The calculator needs JavaScript. The rule is explained above under “How this is calculated”, "
                 "and in the clause text:"),
    "errors_title": ("请修改以下内容：", "Please correct the following:"),
    "verdict_yes": ("符合要求", "Requirement met"),
    "verdict_no": ("不符合要求", "Requirement not met"),
    "clauses_cited": ("依据条款：", "Clauses relied on:"),
    "notes": ("说明：", "Notes:"),
    "add_nominee": ("添加被举荐人", "Add a nominee"),
    "remove_nominee": ("删除此人", "Remove this nominee"),
    "nominee": ("被举荐人", "Nominee"),
    "required_mark": ("（必填）", "(required)"),
    "external": ("（外部网站）", "(external site)"),
    "unofficial": ("英文为非官方译文，以中文原文为准。",
                   "The English is an unofficial translation; the Chinese text is authoritative."),
    "clause": ("条款", "Clause"),
    "annexes": ("附件（原文未附）", "Annexes (not included in the source text)"),
    "annex_missing": ("通知正文提及此附件，但本网站所据原文未包含其内容。",
                      "The notice refers to this annex, but the source text this site is built from does not include it."),
    "field_error_prefix": ("错误：", "Error: "),
}


def t(key: str, lang: str) -> str:
    """One interface string in the page's language."""
    zh, en = UI[key]
    return zh if lang == "zh" else en
