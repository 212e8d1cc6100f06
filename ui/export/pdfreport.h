#pragma once

#include <QRectF>
#include <QString>

class QGraphicsScene;

namespace bulkhead {

struct ReportData;

/**
 * The report as a PDF: a cover and summary, then the whole diagram fitted on a landscape page
 * of its own (vector, never cut off), then the tables, which break across pages with their
 * header rows repeated; every page numbered; text selectable. `diagram` is the editor's scene,
 * rendered as it is drawn on screen, and `diagramBounds` the part of it to show.
 */
bool writePdfReport(const QString &path, const ReportData &report, QGraphicsScene &diagram,
                    const QRectF &diagramBounds, QString *error);

} // namespace bulkhead
