#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QString>

class QPainter;
class QRectF;

namespace bulkhead {

/**
 * Bulkhead's own icons for element and boundary kinds (the SVGs under ui/icons/kinds, compiled in),
 * drawn in the colour asked for so they follow light and dark palettes. Rendered pixmaps are
 * cached per kind, colour and size: a large diagram paints the same few icons thousands of
 * times.
 */
class KindIcons
{
public:
    static KindIcons &instance();

    /** The icon at `pixels` device pixels; a generic shape for an unknown kind. */
    QPixmap pixmap(const QString &kind, const QColor &color, int pixels);
    /**
     * Draws the icon into `target`: from the cached pixmap at the painter's resolution on
     * screen, as vectors on a PDF or other vector device.
     */
    void draw(QPainter *painter, const QRectF &target, const QString &kind, const QColor &color);
    /** For lists and menus: the icon in the given colour at common sizes. */
    QIcon icon(const QString &kind, const QColor &color);

private:
    QByteArray svgFor(const QString &kind);

    QHash<QString, QByteArray> m_svg;
    QHash<QString, QPixmap> m_pixmaps;
};

} // namespace bulkhead
