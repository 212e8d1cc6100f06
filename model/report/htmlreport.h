#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace bulkhead {

struct ReportData;

/**
 * The report as one self-contained HTML5 file: inline CSS for screen and print, the diagram
 * inlined, no JavaScript, nothing loaded from elsewhere, and a Content-Security-Policy that
 * forbids scripts. Every string from the model or catalog is escaped; links are made only
 * for catalog reference addresses that start with https://. `diagramSvg` is trusted markup
 * (from diagramToSvg) and is inserted as is.
 */
void writeHtmlReport(std::ostream &out, const ReportData &report, const std::string &diagramSvg);

/** Escapes & < > " ' for HTML text and attribute values. */
std::string htmlEscape(std::string_view text);

} // namespace bulkhead
