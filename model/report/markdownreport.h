#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace bulkhead {

struct ReportData;

/**
 * The report as GitHub-flavoured Markdown: headings, tables and lists. Model text is escaped
 * so that it renders as written: Markdown punctuation and | are backslash-escaped, line breaks
 * become spaces, and < > & become entities so raw HTML in names never renders. Links are
 * made only for catalog reference addresses starting with https://.
 */
void writeMarkdownReport(std::ostream &out, const ReportData &report);

/** The escaping above, for one table cell or line of text. */
std::string markdownEscape(std::string_view text);

} // namespace bulkhead
