#pragma once

#include "core/result.h"
#include "io/textfile.h"
#include "reportmodel.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct AnalysisResult;

/** Every format a report can be written in; the order is the editor's (ExportDialog). */
enum class ReportFormat { Html, Markdown, Csv, Json, Sarif, Pdf };

/** The CLI's spelling: "html", "md", "csv", "json", "sarif", "pdf"; nullopt for another. */
std::optional<ReportFormat> reportFormatFromKey(std::string_view key);
/** The key of reportFormatFromKey(). */
std::string_view reportFormatKey(ReportFormat format);
/** The format a file's suffix names (.html/.htm, .md/.markdown, .csv, .sarif/.sarif.json,
 *  .json, .pdf; any case), or nullopt. */
std::optional<ReportFormat> reportFormatFromSuffix(std::string_view path);
/** HTML, Markdown and PDF: the reports that ReportOptions shape (the others hold every threat). */
bool isDocumentReport(ReportFormat format);

/** What to write: the format, what the report leaves out, its cover date and source name. */
struct ReportRequest
{
    ReportFormat format = ReportFormat::Html;
    ReportOptions options;
    /** The cover date, YYYY-MM-DD, as given. */
    std::string date;
    /** The model file as SARIF names it. */
    std::string sourceName;
};

/**
 * Draws a PDF report. The model layer cannot (it needs Qt's painter): the layer that can passes
 * one in (ui/export/pdfreport.h), with the same contract as the other writers here: the file
 * saved as writeFileAtomically() saves it, a failure naming the path.
 */
using PdfReportWriter = std::function<Status(const std::string &path, const ReportData &report,
                                             const ThreatModel &model, const Catalog &catalog,
                                             const SaveOptions &options)>;

/**
 * Writes a report of `result` (the analysis of `model` with `catalog`) to `path`, atomically,
 * in any format: the one entry point of the CLI and the editor. A PDF needs `pdfWriter`;
 * without one the request fails.
 */
Status writeReport(const std::string &path, const ReportRequest &request, const ThreatModel &model,
                   const Catalog &catalog, const AnalysisResult &result,
                   const SaveOptions &saveOptions = {}, const PdfReportWriter &pdfWriter = {});

} // namespace bulkhead
