#pragma once

#include "core/result.h"
#include "io/textfile.h"

#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct ReportData;

/** Where things landed in a written PDF, in points from each page's top left corner. */
struct PdfReportLayout
{
    int pageCount = 0;
    /** 1-based number of the landscape page that holds the diagram. */
    int diagramPage = 0;
    QSizeF diagramPageSize;
    /** The rectangle the whole diagram was scaled into, keeping its aspect ratio. */
    QRectF diagramRect;
};

/**
 * The report as a PDF: a cover with the executive summary and its charts, the whole diagram
 * fitted on a landscape page of its own (vector, never cut off), then top risks, the
 * STRIDE-per-element matrix, the threat table, the defense-in-depth report, the
 * needs-confirmation list, the per-element appendix and the references. Tables break across
 * pages with their header rows repeated; every page is numbered; text stays selectable.
 *
 * The diagram is drawn by a canvas scene of its own over `model`, exactly as the editor draws
 * it minus the editing aids (grid, selection, badges) and in the light palette, so File →
 * Export and bulkhead-cli produce the same pages. Needs a QApplication.
 *
 * The file is saved like every other output (writeFileAtomically): FIFOs, sockets,
 * directories and block devices are refused before anything is drawn, a read-only file unless
 * `options` allow it; the error names the path.
 */
std::optional<PdfReportLayout> writePdfReport(const QString &path, const ReportData &report,
                                              const ThreatModel &model, const Catalog &catalog,
                                              QString *error, const SaveOptions &options = {});

/**
 * writePdfReport() as the report façade's PdfReportWriter (report/reportwriter.h): the same
 * file, its error as a Status. Needs a QApplication.
 */
Status writePdfReportFile(const std::string &path, const ReportData &report,
                          const ThreatModel &model, const Catalog &catalog,
                          const SaveOptions &options);

} // namespace bulkhead
