#include "kindicons.h"

#include "paintdetail.h"

#include <QFile>
#include <QPainter>
#include <QSvgRenderer>

namespace bulkhead {

KindIcons &KindIcons::instance()
{
    static KindIcons icons;
    return icons;
}

QByteArray KindIcons::svgFor(const QString &kind)
{
    const auto it = m_svg.constFind(kind);
    if (it != m_svg.constEnd())
        return *it;
    QFile file(QStringLiteral(":/icons/kinds/%1.svg").arg(kind));
    QByteArray svg;
    if (file.open(QIODevice::ReadOnly))
        svg = file.readAll();
    else // a kind from an extra catalog without an icon: a plain rounded square
        svg = QByteArrayLiteral(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" "
            "fill=\"none\" stroke=\"#000000\" stroke-width=\"1.75\">"
            "<rect x=\"4\" y=\"4\" width=\"16\" height=\"16\" rx=\"3\"/></svg>");
    m_svg.insert(kind, svg);
    return svg;
}

namespace {

/** The icon's SVG drawn in `color`: the files use #000000 for the one colour they have. */
QByteArray recoloured(QByteArray svg, const QColor &color)
{
    return svg.replace("#000000", color.name(QColor::HexRgb).toLatin1());
}

} // namespace

void KindIcons::draw(QPainter *painter, const QRectF &target, const QString &kind,
                     const QColor &color)
{
    if (paintsVectors(painter)) {
        QSvgRenderer renderer(recoloured(svgFor(kind), color));
        painter->save();
        painter->setOpacity(painter->opacity() * color.alphaF());
        renderer.render(painter, target);
        painter->restore();
        return;
    }
    const qreal scale = std::max(painter->worldTransform().m11(), painter->worldTransform().m22());
    const int pixels = std::max(16, int(std::max(target.width(), target.height()) * scale
                                        * painter->device()->devicePixelRatioF()));
    painter->drawPixmap(target, pixmap(kind, color, pixels), QRectF(0, 0, pixels, pixels));
}

QPixmap KindIcons::pixmap(const QString &kind, const QColor &color, int pixels)
{
    const QString key = kind + QLatin1Char('|') + color.name(QColor::HexArgb) + QLatin1Char('|')
                        + QString::number(pixels);
    const auto it = m_pixmaps.constFind(key);
    if (it != m_pixmaps.constEnd())
        return *it;
    QSvgRenderer renderer(recoloured(svgFor(kind), color));
    QPixmap pixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setOpacity(color.alphaF());
    renderer.render(&painter, QRectF(0, 0, pixels, pixels));
    painter.end();
    m_pixmaps.insert(key, pixmap);
    return pixmap;
}

QIcon KindIcons::icon(const QString &kind, const QColor &color)
{
    QIcon result;
    for (const int size : {16, 24, 32, 48})
        result.addPixmap(pixmap(kind, color, size));
    return result;
}

} // namespace bulkhead
