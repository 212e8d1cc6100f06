#pragma once

#include <QByteArray>

namespace bulkhead {

struct ReportCover;

/**
 * The PDF's XMP metadata: the model's title, its owner as the author, its description and the
 * generator. Qt 6.4's writer has no setter for the Author entry, and readers (pdfinfo -meta,
 * document managers) take the author from XMP as well.
 */
QByteArray pdfXmpMetadata(const ReportCover &cover);

} // namespace bulkhead
