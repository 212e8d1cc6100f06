#include "actionicons.h"

#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace bulkhead {

QIcon actionIcon(const QString &name, const QColor &color, bool mirrored)
{
    QFile file(QStringLiteral(":/icons/actions/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("#000000", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return {};
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        // Mirroring the pixels, not the drawing: antialiasing a mirrored path is not the mirror
        // of antialiasing the path, and a pair such as undo and redo must match exactly.
        icon.addPixmap(mirrored ? QPixmap::fromImage(pixmap.toImage().mirrored(true, false))
                                : pixmap);
    }
    return icon;
}

} // namespace bulkhead
