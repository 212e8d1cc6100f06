#pragma once

#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QVector>

namespace bulkhead::test {

/**
 * Poppler's command-line tools (poppler-utils) read back the PDFs we write: what a reader
 * would select and where it sits. Each call fails the current test when the tool is missing.
 */

/** The text of pages first..last (1-based; 0 for all), with "ﬁ"/"ﬂ" ligatures read as letters. */
QString pdfText(const QString &path, int first = 0, int last = 0);

/** Size of each page in points, in page order. */
QVector<QSizeF> pdfPageSizes(const QString &path);

struct PdfWord
{
    QString text;
    QRectF box; ///< in points from the page's top left corner
};

/** Every word on one page (1-based) with its bounding box, and the page's size. */
QVector<PdfWord> pdfWords(const QString &path, int page, QSizeF *pageSize = nullptr);

} // namespace bulkhead::test
