#include "reportexport.h"

#include "document.h"
#include "export/pdfreport.h"
#include "report/reportwriter.h"

#include <QDate>

namespace bulkhead {

Status exportDocumentReport(const Document &document, const AnalysisResult &result,
                            const QString &path, ReportFormat format, const ReportOptions &options)
{
    ReportRequest request;
    request.format = format;
    request.options = options;
    request.date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    request.sourceName = document.filePath().isEmpty() ? std::string("model.bulkhead.json")
                                                       : document.filePath().toStdString();
    return writeReport(path.toStdString(), request, document.model(), document.catalog(), result,
                       SaveOptions{}, writePdfReportFile);
}

} // namespace bulkhead
