#include "reportwriter.h"

#include "analysisexport.h"
#include "diagramsvg.h"
#include "htmlreport.h"
#include "markdownreport.h"

#include <array>
#include <cctype>
#include <utility>

namespace bulkhead {

namespace {

constexpr std::array<std::pair<ReportFormat, std::string_view>, 6> formatKeys{{
    {ReportFormat::Html, "html"},
    {ReportFormat::Markdown, "md"},
    {ReportFormat::Csv, "csv"},
    {ReportFormat::Json, "json"},
    {ReportFormat::Sarif, "sarif"},
    {ReportFormat::Pdf, "pdf"},
}};

// Longer suffixes first: ".sarif.json" is SARIF, not JSON.
constexpr std::array<std::pair<std::string_view, ReportFormat>, 9> suffixes{{
    {".html", ReportFormat::Html},
    {".htm", ReportFormat::Html},
    {".md", ReportFormat::Markdown},
    {".markdown", ReportFormat::Markdown},
    {".csv", ReportFormat::Csv},
    {".sarif", ReportFormat::Sarif},
    {".sarif.json", ReportFormat::Sarif},
    {".json", ReportFormat::Json},
    {".pdf", ReportFormat::Pdf},
}};

bool endsWithIgnoringCase(std::string_view text, std::string_view suffix)
{
    if (text.size() < suffix.size())
        return false;
    text.remove_prefix(text.size() - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != suffix[i])
            return false;
    }
    return true;
}

/** The formats written as one text stream. */
void writeTextReport(std::ostream &out, const ReportRequest &request, const ThreatModel &model,
                     const Catalog &catalog, const AnalysisResult &result)
{
    switch (request.format) {
    case ReportFormat::Html:
        writeHtmlReport(out, buildReport(model, catalog, result, request.options, request.date),
                        diagramToSvg(model, catalog));
        break;
    case ReportFormat::Markdown:
        writeMarkdownReport(out,
                            buildReport(model, catalog, result, request.options, request.date));
        break;
    case ReportFormat::Csv:
        writeAnalysisCsv(out, result, model, catalog);
        break;
    case ReportFormat::Json:
        writeAnalysisJson(out, result, model, catalog);
        break;
    case ReportFormat::Sarif:
        writeAnalysisSarif(out, result, model, catalog, request.sourceName);
        break;
    case ReportFormat::Pdf:
        break; // drawn, not streamed
    }
}

} // namespace

std::optional<ReportFormat> reportFormatFromKey(std::string_view key)
{
    for (const auto &[format, candidate] : formatKeys) {
        if (candidate == key)
            return format;
    }
    return std::nullopt;
}

std::string_view reportFormatKey(ReportFormat format)
{
    for (const auto &[candidate, key] : formatKeys) {
        if (candidate == format)
            return key;
    }
    return "html";
}

std::optional<ReportFormat> reportFormatFromSuffix(std::string_view path)
{
    for (const auto &[suffix, format] : suffixes) {
        if (endsWithIgnoringCase(path, suffix))
            return format;
    }
    return std::nullopt;
}

bool isDocumentReport(ReportFormat format)
{
    return format == ReportFormat::Html || format == ReportFormat::Markdown
           || format == ReportFormat::Pdf;
}

Status writeReport(const std::string &path, const ReportRequest &request, const ThreatModel &model,
                   const Catalog &catalog, const AnalysisResult &result,
                   const SaveOptions &saveOptions, const PdfReportWriter &pdfWriter)
{
    if (request.format == ReportFormat::Pdf) {
        if (!pdfWriter)
            return Status::failure(path + ": PDF reports cannot be drawn here");
        const ReportData report = buildReport(model, catalog, result, request.options,
                                              request.date);
        return pdfWriter(path, report, model, catalog, saveOptions);
    }
    AtomicFileWriter writer(path, saveOptions);
    if (writer.ok())
        writeTextReport(writer.stream(), request, model, catalog, result);
    return writer.commit();
}

} // namespace bulkhead
