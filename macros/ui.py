"""Words of the interface (not of the notice) in both languages, keyed by purpose."""

from __future__ import annotations

from calculators.clauses import CITED
from calculators.readings import TITLE as READINGS_TITLE
from calculators.rules import NOTICE
from calculators.wording import DAY_PATTERN, MONTH_NAMES, format_day, pick

UI: dict[str, tuple[str, str]] = {
    "copy_link": ("复制链接", "Copy link"),
    "copy_citation": ("复制引用", "Copy citation"),
    "copied": ("已复制", "Copied"),
    "copy_failed": ("无法自动复制，请手动复制：", "Could not copy automatically; copy it by hand:"),
    "clause_link_title": ("本条款的永久链接", "Permanent link to this clause"),
    "to_calculator": ("用计算器计算 →", "Use the calculator →"),
    "calculate": ("计算", "Calculate"),
    "copy_calc_link": ("复制本次计算的链接", "Copy a link to this calculation"),
    "loading": ("正在启动计算引擎…", "Starting the calculator engine…"),
    "loading_runtime": ("正在下载计算引擎：还剩约 {left} MB", "Downloading the calculator engine: about {left} MB to go"),
    "eta_seconds": ("，按当前网速约需 {n} 秒", ", about {n} s at the current speed"),
    "eta_minutes": ("，按当前网速约需 {n} 分钟", ", about {n} min at the current speed"),
    "save_data": ("已开启省流量：开始填写或点击“计算”时，才下载计算引擎（约 {mb} MB）。",
                  "Data Saver is on: the calculator engine (about {mb} MB) is downloaded only when you start on "
                  "the form or press “Calculate”."),
    "wait_method": ("等待期间，可以先看下方的“计算口径”，按条款自行核对。",
                    "While you wait, the rule is explained below under “How this is calculated”."),
    "no_data": ("（已有 {n} 秒没有收到数据，仍在等待）", " (nothing has arrived for {n} s; still waiting)"),
    "retried": ("已重试 {n} 次，仍没有连上。", "Retries so far: {n}; still not connected."),
    "shared_failed": ("链接里的内容已填入表单，但计算引擎没有下载完成，暂时无法给出结果：",
                      "The link's inputs are in the form, but the calculator engine did not finish downloading, so "
                      "there is no answer yet: "),
    "shared_save_data": ("已开启省流量，计算引擎（约 {mb} MB）尚未下载，所以还没有结果。点击下方按钮即下载并按表中内容计算。",
                         "Data Saver is on, so the calculator engine (about {mb} MB) has not been downloaded and there "
                         "is no answer yet. Press the button below to download it and answer for what the form holds."),
    "shared_download": ("下载计算引擎并计算", "Download the engine and calculate"),
    "shared_waiting": ("计算引擎就绪后，会按表中此时的内容自动给出结果；在此之前您改动的内容会保留。",
                       "The answer follows by itself once the engine is ready, for what the form then holds; "
                       "anything you change meanwhile is kept."),
    "repairing": ("本机保存的计算引擎文件无法使用（可能已损坏），已删除，正在重新下载…",
                  "The calculator engine's files kept on this device could not be used (they may be damaged); they "
                  "were removed and are being downloaded again…"),
    "loading_kept": ("正在启动计算引擎（用本机已保存的文件，无需下载）…",
                     "Starting the calculator engine from the files this device kept (nothing to download)…"),
    "loading_python": ("下载完成，正在启动计算引擎…", "Downloaded; starting the calculator engine…"),
    "loading_wheel": ("正在载入计算规则…", "Loading the calculators…"),
    "ready": ("计算引擎已就绪，填写后点击“计算”。", "The engine is ready: fill in the form and press “Calculate”."),
    "queued": ("已记下您点击的“计算”：计算引擎一就绪就会给出结果。",
               "Your “Calculate” is kept: the answer will show as soon as the engine is ready."),
    "failed": ("计算引擎未能在本浏览器中启动，无法在此计算。",
               "The calculator engine could not start in this browser, so it cannot answer here."),
    "failed_network": ("计算引擎的文件没有下载完成（网络中断，或长时间没有收到数据）。请检查网络后点击“重试”。",
                       "The calculator engine's files did not finish downloading (the connection dropped, or "
                       "nothing arrived for a long time). Check the connection and press “Retry”."),
    "no_worker": ("本浏览器不支持计算器所需的后台脚本（Web Worker），无法在此计算。",
                  "This browser cannot run the calculator's background script (a module Web Worker), so it "
                  "cannot answer here."),
    "no_wasm": ("本浏览器不支持 WebAssembly，无法运行计算器。", "This browser does not support WebAssembly, so the calculator cannot run."),
    "check_clause": ("可以按条款原文自行核对：", "You can check the rule in the clause text:"),
    "retry": ("重试", "Retry"),
    "noscript": ("计算器需要启用 JavaScript。计算规则见页面下方的“计算口径”及条款原文：",
                 "The calculator needs JavaScript. The rule is explained below under “How this is calculated”, "
                 "and in the clause text:"),
    "who_speaks": ("计算结果仅供参考，不是认定结论：是否符合条件，由用人单位和评委会依据通知原文及有关规定认定。"
                   "本站不是毕节市人力资源和社会保障局的网站。",
                   "This answer is information, not a decision: your employer and the evaluation committee decide, "
                   "under the Chinese text of the notice and the other applicable rules. This site is not the Bijie "
                   "HRSS Bureau's."),
    "link_privacy": ("在本页填写和计算时，内容只在您的设备上处理；但“复制链接”生成的链接会把所填内容（{fields}）写在网址里，"
                     "打开链接时网址会发送给本站所在的服务器。分享前请确认其中没有不宜公开的信息。",
                     "What you type and calculate here stays on your device; but the copied link carries what you "
                     "typed ({fields}) in its address, which is sent to this site's server when the link is "
                     "opened. Check it holds nothing private before you share it."),
    "answer_heading": ("计算结果", "The answer"),
    "shared_note": ("此页面是通过他人分享的链接打开的，表单中已填入链接里的内容，下方是据此计算的结果。",
                    "This page was opened from a shared link: the form holds that link's inputs, and the answer "
                    "below is calculated from them."),
    "shared_clear": ("清空，自己填写", "Clear the form"),
    "errors_title": ("请修改以下内容：", "Please correct the following:"),
    "clauses_cited": CITED,
    "rests_on": READINGS_TITLE,
    "notes": ("说明：", "Notes:"),
    "add_nominee": ("添加被举荐人", "Add a nominee"),
    "remove_nominee": ("删除此人", "Remove this nominee"),
    "nominee": ("被举荐人", "Nominee"),
    "required_mark": ("（必填）", "(required)"),
    "external": ("（外部网站）", "(external site)"),
    "unofficial": ("英文为非官方译文，以中文原文为准。",
                   "This English text is an unofficial translation made for reference; the Chinese text is "
                   "authoritative."),
    "unofficial_title": ("非官方译文", "Unofficial translation"),
    "clause": ("条款", "Clause"),
    "annexes": ("附件（原文未附）", "Annexes (not included in the source text)"),
    "annex_missing": ("通知正文提及此附件，但本网站所据原文未包含其内容。",
                      "The notice refers to this annex, but the source text this site is built from does not include it."),
    "field_error_prefix": ("错误：", "Error: "),
    "calendar_name": ("毕节市2023年职称工作关键日期", "Bijie 2023 professional title work: key dates"),
    "download_ics": ("下载日历文件（.ics），可导入手机或电脑日历", "Download the calendar file (.ics) for your phone or computer"),
    "batch_title": ("批量核对（Excel、WPS 或 CSV 文件）", "Check many people at once (Excel, WPS or CSV file)"),
    "batch_help": ("每行一人，列名一行或两行：可以用上面表单中的名称（如“取得现资格时间”）、英文名称或常见写法"
                   "（如“现职称取得时间”），逐年考核等次（2019年度……2023年度）也可以；列名上方的标题行、下方的合计和签名行会被跳过。结果会说明每一列被读作哪一项；"
                   "与某一项相近却不能确定的列名，会请您改名，而不是猜测。其他列（如姓名、工号）原样保留在结果中。可直接选择 Excel 或 WPS 保存的文件："
                   "Excel 工作簿（.xlsx 或 97–2003 的 .xls），或 CSV / 文本文件（UTF-8、GB18030 或 UTF-16 编码，逗号、制表符或分号分隔）。"
                   "文件只在本浏览器中处理，不会上传到任何地方。",
                   "One person per row, under one or two rows of column names: the names on the form above (such as "
                   "“Date the current title was obtained”) in English or Chinese, or a common way of writing them "
                   "(such as 现职称取得时间), or one assessment grade a year (2019年度 … 2023年度); title rows above the "
                   "column names and total or signature rows below are skipped. The result says which "
                   "column was read as which field; a header that resembles a field but cannot be told apart is "
                   "refused with a request to rename it, never guessed at. Other columns (a name, a staff number) "
                   "are kept in the results. Choose the file as Excel or WPS saved it: an Excel "
                   "workbook (.xlsx, or an Excel 97–2003 .xls), or CSV or text (UTF-8, GB18030 or UTF-16; comma, tab or semicolon separated). "
                   "The file is processed in this browser only and is never uploaded anywhere."),
    "batch_template": ("下载模板（含一行示例）：", "Download the template (with one example row):"),
    "batch_template_xlsx": ("Excel 工作簿（.xlsx）", "Excel workbook (.xlsx)"),
    "batch_template_csv": ("CSV 文件", "CSV file"),
    "batch_pick": ("选择要核对的文件（.xlsx、.xls、.csv 或 .txt）", "Choose the file to check (.xlsx, .xls, .csv or .txt)"),
    "batch_engine_failed": ("计算引擎没有启动，暂时无法批量核对：原因和“重试”按钮见上方计算器的结果框。",
                            "The engine did not start, so files cannot be checked yet: the reason, and a “Retry” "
                            "button, are in the calculator's answer box above."),
    "batch_waiting": ("正在等待计算引擎就绪…", "Waiting for the calculator engine…"),
    "batch_reading": ("正在读取文件…", "Reading the file…"),
    "batch_starting": ("正在为核对名单启动计算引擎…", "Starting the engine that checks the file…"),
    "batch_worker_failed": ("核对名单的计算引擎没有启动，没有生成结果文件。请重新选择文件；上方的计算器不受影响。",
                            "The engine that checks files did not start, so no results file was made. Choose the file "
                            "again; the calculator above is not affected."),
    "batch_loading_xlsx": ("正在载入 Excel 读取组件（首次约需数秒）…", "Loading the Excel reader (a few seconds the first time)…"),
    "batch_running": ("正在核对：已完成 {done} / {total} 行", "Checking: {done} of {total} rows done"),
    "batch_cancel": ("停止核对", "Stop checking"),
    "batch_cancelled": ("已停止核对（完成 {done} / {total} 行），没有生成结果文件。可以重新选择文件。",
                        "Checking stopped ({done} of {total} rows done); no results file was made. "
                        "You can choose a file again."),
    "batch_done": ("共 {rows} 行：{ok} 行已计算，{rejected} 行被退回，{empty} 行为空行，{skipped} 行为合计、说明或签名行（已跳过）。",
                   "{rows} rows: {ok} calculated, {rejected} rejected, {empty} empty, {skipped} totals, notes or "
                   "signatures (skipped)."),
    "batch_shown": ("下表显示前 {shown} 行（退回原因在“退回原因或说明”一列）；下载的结果文件包含全部 {rows} 行。",
                    "The table shows the first {shown} rows (the reason for a rejection is in the column “Reason or note”); "
                    "the results file holds all {rows} rows."),
    "batch_table": ("核对结果表", "Table of results"),
    "batch_result_suffix": ("结果", "results"),
    "batch_reading_rows": ("正在读取文件：已读 {done} 行…", "Reading the file: {done} rows read…"),
    "batch_cancelled_reading": ("已停止读取文件，没有生成结果文件。可以重新选择文件。",
                                "Reading the file stopped; no results file was made. You can choose a file again."),
    "batch_xlsx_failed": ("Excel 读取组件没有下载完成（网络中断，或长时间没有收到数据）。请检查网络后重新选择文件，"
                          "或在 Excel / WPS 中另存为 CSV 后选择。",
                          "The Excel reader did not finish downloading (the connection dropped, or nothing arrived for a "
                          "long time). Check the connection and choose the file again, or save it as CSV from Excel or WPS "
                          "and choose that."),
    "batch_sheet": ("要核对的工作表", "Sheet to check"),
    "batch_only_rejected": ("只看被退回的行", "Show rejected rows only"),
    "batch_download": ("下载核对结果（CSV，可用 Excel 或 WPS 打开）", "Download the results (CSV, opens in Excel or WPS)"),
    "batch_too_big": ("文件过大：一次最多核对 {limit} MB，请分成几个文件。",
                      "The file is too large: at most {limit} MB at a time; split it into several files."),
    "batch_file_failed": ("这个文件未能核对完成（{detail}）。计算器仍可正常使用，请检查文件后重试。",
                          "This file could not be checked ({detail}). The calculator still works: check the file "
                          "and try again."),
    "address_nowhere": ("注意：本页是从 {host} 打开的，只有这台电脑能打开这个地址，页面上的网址和二维码在别的设备上都打不开。"
                        "请用本机的局域网地址（make serve 启动时打印）或正式网址打开本页。",
                        "Note: this page is open at {host}, which only this computer can open: its addresses and QR "
                        "codes open nothing on other devices. Open it at this computer's network address (make serve "
                        "prints it) or the published one."),
    "address_private": ("本页是从局域网地址（{host}）打开的：页面上的网址和二维码都指向这个地址，连接同一网络（如本会场的无线网络）的手机可以打开，"
                        "离开这个网络就打不开。",
                        "This page was opened at a local network address ({host}): the addresses and QR codes on it "
                        "point there. Phones on the same network (this room's Wi-Fi, say) can open them; away from "
                        "that network they cannot."),
    "offline_title": ("当前离线，无法打开此页", "You are offline: this page cannot be opened"),
    "offline_lead": ("这个页面还没有在本设备上打开过，离线时无法显示，联网后再打开即可。下面这些页面已保存在本设备上，离线也能看。",
                     "This page has not been opened on this device before, so it cannot be shown offline; open it "
                     "again once you are online. The pages below are kept on this device and work offline."),
    "offline_kept": ("本设备上已保存的页面", "Pages kept on this device"),
    "offline_none": ("本设备上还没有保存任何页面。", "No page is kept on this device yet."),
    "glossary_caption": ("术语表：中文、英文及通知中出现的条款", "Glossary: Chinese, English and the clauses that use each term"),
    "key_dates_caption": ("通知中的日期、事项及所属条款", "The notice's dates, what happens then, and the clause"),
    "qr_of": ("二维码，打开", "QR code of"),
    "faq_example": ("算例（打开即计算）：", "Worked example (it answers when opened):"),
    "slide": ("幻灯片", "slide"),
    "present_title": ("讲解模式：毕节市2023年职称工作通知", "Presenter mode: the Bijie 2023 professional title notice"),
    "not_the_bureau": ("本站为非官方整理，不是毕节市人力资源和社会保障局的网站；以通知原文为准。",
                       "This site is an unofficial guide, not the website of the Bijie HRSS Bureau; the Chinese text of "
                       "the notice is authoritative."),
    "present_controls": ("演示控制", "Presentation controls"),
    "present_prev": ("← 上一张", "← Previous"),
    "present_next": ("下一张 →", "Next →"),
    "present_second": ("显示英文译文", "Show the Chinese"),
    "present_fullscreen": ("全屏", "Full screen"),
    "present_other": ("English", "中文"),
    "present_handout": ("做讲义", "Make a handout"),
    "present_exit": ("退出讲解", "Leave presenter mode"),
    "present_keys": ("键盘：→ 或 PageDown 下一张，← 或 PageUp 上一张（一张放不下时先在本张内翻动），Home / End 首张 / 末张，"
                     "输入序号后按回车跳转，L 显示或隐藏第二语言，C 选择条款和顺序，F 全屏。",
                     "Keys: → or Page Down next, ← or Page Up previous (a slide too long for the screen scrolls first), "
                     "Home / End first / last, a number then Enter to jump, L shows or hides the second language, "
                     "C chooses the clauses and their order, F full screen."),
    "present_pick": ("选择条款", "Choose clauses"),
    "present_pick_title": ("选择要讲的条款并排好顺序", "Choose the clauses to present, in order"),
    "present_pick_help": ("勾选的条款按勾选的先后排在右边，可用“上移”“下移”调整；一个都不选则讲全部条款。",
                          "Ticked clauses join the list on the right in the order ticked; move them with Up and Down. "
                          "With none ticked, every clause is presented."),
    "present_pick_all": ("全部条款", "All clauses"),
    "present_pick_order": ("讲解顺序", "Order of the slides"),
    "present_pick_apply": ("按此顺序讲解", "Present in this order"),
    "present_pick_cancel": ("取消", "Cancel"),
    "present_pick_up": ("上移", "Move up"),
    "present_pick_down": ("下移", "Move down"),
    "present_pick_remove": ("移除", "Remove"),
    "present_unknown": ("以下条款编号不存在，已略过：{ids}", "These clause ids do not exist and were skipped: {ids}"),
    "present_jump": ("跳转到第 {n} 张", "Go to slide {n}"),
    "handout_default_title": ("毕节市2023年职称工作通知 培训讲义", "Training handout: the Bijie 2023 professional title notice"),
    "handout_title_label": ("讲义标题（印在第一行）", "Handout title (printed on the first line)"),
    "handout_english": ("附英文译文（非官方）", "Include the English translation (unofficial)"),
    "handout_choose": ("选择要印的条款", "Choose the clauses to print"),
    "handout_all": ("全选", "Select all"),
    "handout_none": ("全部清除", "Clear all"),
    "handout_print": ("打印讲义", "Print the handout"),
    "handout_present": ("用所选条款进入讲解模式", "Present the chosen clauses"),
    "handout_copy": ("复制本讲义的链接", "Copy a link to this handout"),
    "handout_empty": ("尚未选择条款：请在上面勾选。", "No clause chosen yet: tick some above."),
    "handout_source": (f"摘自《{NOTICE.title[0]}》（{format_day(NOTICE.issued, 'zh')}），以中文原文为准。"
                       f"本讲义由非官方网站生成，不是{NOTICE.issuer[0]}的文件。",
                       f"From the {NOTICE.title[1]} ({format_day(NOTICE.issued, 'en')}); the Chinese text is "
                       f"authoritative and the English is an unofficial translation. This handout was made on an "
                       f"unofficial site; it is not a document of the {NOTICE.issuer[1]}."),
    "printed_on": ("打印日期：", "Printed on "),
    "app_name": ("毕节市2023年职称工作通知", "Bijie 2023 professional title notice"),
    "app_short_name": ("毕节职称", "Bijie titles"),
    "not_found_title": ("找不到该页面", "Page not found"),
    "not_found_description": ("本站没有这个地址的页面：请从首页或通知全文查找毕节市2023年职称工作通知的内容。",
                              "No page of this site is at this address: the Bijie 2023 professional title notice "
                              "and its calculators are reached from the home page or the notice."),
    "not_found_text": ("您要找的页面不存在或已移动。请从{home}或{notice}查找。",
                       "The page you asked for does not exist or has moved. Start from the {home} or {notice}."),
    "not_found_home": ("首页", "home page"),
    "not_found_notice": ("通知全文", "the notice"),
    "day_pattern": DAY_PATTERN,
    "month_names": MONTH_NAMES,
    "sheet_print": ("打印计算结果单", "Print a calculation sheet"),
    "sheet_title": ("计算结果单", "Calculation sheet"),
    "sheet_inputs": ("所填内容", "What was entered"),
    "sheet_clauses": ("所依据条款全文", "The clauses relied on, in full"),
    "sheet_chinese": ("原文（以此为准）", "Chinese text (authoritative)"),
    "sheet_english": ("非官方英文译文", "Unofficial English translation"),
    "heading_colon": ("：", ": "),
    "sheet_link": ("本次计算的链接（扫描二维码可打开并重新计算）：", "Link to this calculation (scan the code to open it and calculate again):"),
    "sheet_yes": ("是", "yes"),
    "sheet_no_qr": ("本次计算的链接太长，无法做成二维码：请使用上面的链接。",
                    "The link to this calculation is too long for a QR code: use the link above."),
    "sheet_no": ("否", "no"),
    "side_by_side_note": ("左栏为中文原文（以此为准），右栏为非官方英文译文；条款编号与两种语言的通知全文页相同。",
                          "Left: the Chinese original (authoritative); right: the unofficial English translation. "
                          "Clause anchors are the same as on the notice pages in both languages."),
}


def t(key: str, lang: str) -> str:
    """One interface string in the page's language."""
    return pick(UI[key], lang)
