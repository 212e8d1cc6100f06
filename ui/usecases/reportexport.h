#pragma once

#include "core/result.h"

#include <QString>

namespace bulkhead {

class Document;
enum class ReportFormat;
struct AnalysisResult;
struct ReportOptions;

/**
 * File → Export Report without the window: a report of `result` (the document's current
 * analysis) through the report façade, dated today, naming the document's file in SARIF
 * ("model.bulkhead.json" before it is saved), a PDF drawn by the editor's renderer.
 */
Status exportDocumentReport(const Document &document, const AnalysisResult &result,
                            const QString &path, ReportFormat format, const ReportOptions &options);

} // namespace bulkhead
