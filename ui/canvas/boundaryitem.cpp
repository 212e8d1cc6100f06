#include "boundaryitem.h"

#include "catalog/elementkind.h"
#include "core/boundary.h"
#include "kindicons.h"

#include <QCursor>
#include <QGraphicsScene>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace bulkhead {

namespace {

/** Boundary kinds get distinct outline hues, so nesting reads at a glance. */
QColor hueFor(const QString &kind)
{
    if (kind == QLatin1String("internet"))
        return QColor(200, 70, 60);
    if (kind == QLatin1String("cloud-account"))
        return QColor(90, 120, 200);
    if (kind == QLatin1String("cluster"))
        return QColor(60, 140, 170);
    if (kind == QLatin1String("namespace"))
        return QColor(120, 150, 60);
    if (kind == QLatin1String("host"))
        return QColor(180, 120, 40);
    if (kind == QLatin1String("container-network"))
        return QColor(140, 90, 180);
    return QColor(120, 120, 120);
}

} // namespace

BoundaryItem::BoundaryItem(const QString &id, QGraphicsItem *parent)
    : NodeItem(id, parent)
{
    setSize(QSizeF(320, 220));
    setZValue(0);
}

void BoundaryItem::sync(const Boundary &boundary, const ElementKind *kind)
{
    m_name = QString::fromStdString(boundary.name);
    m_kind = QString::fromStdString(boundary.kind);
    m_kindName = kind ? QString::fromStdString(kind->displayName) : m_kind;
    setToolTip(QStringLiteral("%1\n%2 · %3").arg(m_name, m_kindName, id()));
    update();
}

bool BoundaryItem::isOnResizeHandle(const QPointF &point) const
{
    const QRectF handle(size().width() - handleSize, size().height() - handleSize, handleSize + margin,
                        handleSize + margin);
    return handle.contains(point);
}

QPainterPath BoundaryItem::shape() const
{
    const QRectF r(QPointF(0, 0), size());
    QPainterPath outer;
    outer.addRect(r.adjusted(-margin, -margin, margin, margin));
    QPainterPath inner;
    inner.addRect(r.adjusted(margin, titleHeight, -margin, -margin));
    QPainterPath frame = outer.subtracted(inner);
    frame.addRect(QRectF(size().width() - handleSize, size().height() - handleSize, handleSize,
                         handleSize));
    return frame;
}

void BoundaryItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setCursor(isOnResizeHandle(event->pos()) ? Qt::SizeFDiagCursor : Qt::ArrowCursor);
    NodeItem::hoverMoveEvent(event);
}

void BoundaryItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QRectF r(QPointF(0, 0), size());
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor hue = hueFor(m_kind);
    QColor fill = hue;
    fill.setAlpha(14);
    QPen pen(isSelected() ? palette.color(QPalette::Highlight) : hue, isSelected() ? 2.5 : 1.6,
             Qt::DashLine);
    pen.setCosmetic(false);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRoundedRect(r, 10, 10);

    if (lod >= 0.3) {
        const int iconSize = 16;
        const int pixels = std::max(16, int(iconSize * lod * painter->device()->devicePixelRatioF()));
        const QRectF iconRect(10, 5, iconSize, iconSize);
        painter->drawPixmap(iconRect, KindIcons::instance().pixmap(m_kind, hue, pixels),
                            QRectF(0, 0, pixels, pixels));
        QFont font = painter->font();
        font.setPointSizeF(9);
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::Text));
        const QFontMetricsF metrics(font);
        const QString title = (m_name.isEmpty() ? QObject::tr("(unnamed)") : m_name);
        const qreal available = r.width() - iconRect.right() - 16;
        const QString shown = metrics.elidedText(title, Qt::ElideRight, available);
        painter->drawText(QRectF(iconRect.right() + 6, 4, available, titleHeight - 6),
                          Qt::AlignLeft | Qt::AlignVCenter, shown);
        const qreal used = metrics.horizontalAdvance(shown);
        QFont small = font;
        small.setBold(false);
        small.setPointSizeF(8);
        painter->setFont(small);
        QColor quiet = palette.color(QPalette::Text);
        quiet.setAlphaF(0.6);
        painter->setPen(quiet);
        painter->drawText(QRectF(iconRect.right() + 12 + used, 4, std::max<qreal>(0, available - used - 6),
                                 titleHeight - 6),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(small).elidedText(m_kindName, Qt::ElideRight,
                                                          std::max<qreal>(0, available - used - 6)));
    }
    if (isSelected()) {
        // The resize grip: two short diagonal strokes in the corner.
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        const QPointF corner = r.bottomRight();
        for (const qreal d : {5.0, 10.0})
            painter->drawLine(corner + QPointF(-d, -2), corner + QPointF(-2, -d));
    }
}

} // namespace bulkhead
