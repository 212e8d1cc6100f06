#include "boundaryitem.h"
#include "paintdetail.h"

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

constexpr qreal radius = diagramstyle::boundaryRadius;

/**
 * The dashed frame, drawn only where it is exposed. Stroking a dash pattern costs time in
 * proportion to the whole path, so a tall boundary would make every small repaint slow;
 * each edge is cut to the exposed area with its dash offset kept, so the pattern does not
 * shift between partial and full repaints.
 */
void drawDashedOutline(QPainter *painter, const QRectF &r, const QRectF &exposed)
{
    const QRectF area = exposed.adjusted(-4, -4, 4, 4);
    if (area.contains(r.adjusted(-2, -2, 2, 2))) {
        painter->drawRoundedRect(r, radius, radius);
        return;
    }
    QPen pen = painter->pen();
    const qreal unit = std::max<qreal>(pen.widthF(), 1);
    auto edge = [&](QPointF from, QPointF to) {
        const bool horizontal = qFuzzyCompare(from.y(), to.y());
        qreal start = horizontal ? from.x() : from.y();
        qreal end = horizontal ? to.x() : to.y();
        const qreal fixed = horizontal ? from.y() : from.x();
        const qreal lowFixed = horizontal ? area.top() : area.left();
        const qreal highFixed = horizontal ? area.bottom() : area.right();
        if (fixed < lowFixed || fixed > highFixed)
            return;
        const qreal low = horizontal ? area.left() : area.top();
        const qreal high = horizontal ? area.right() : area.bottom();
        const qreal origin = start;
        start = std::max(start, low);
        end = std::min(end, high);
        if (start >= end)
            return;
        QPen segmentPen = pen;
        segmentPen.setDashOffset((start - origin) / unit);
        painter->setPen(segmentPen);
        painter->drawLine(horizontal ? QPointF(start, fixed) : QPointF(fixed, start),
                          horizontal ? QPointF(end, fixed) : QPointF(fixed, end));
    };
    edge({r.left() + radius, r.top()}, {r.right() - radius, r.top()});
    edge({r.left() + radius, r.bottom()}, {r.right() - radius, r.bottom()});
    edge({r.left(), r.top() + radius}, {r.left(), r.bottom() - radius});
    edge({r.right(), r.top() + radius}, {r.right(), r.bottom() - radius});
    painter->setPen(pen);
    const qreal d = 2 * radius;
    const QRectF corners[] = {{r.left(), r.top(), d, d},
                              {r.right() - d, r.top(), d, d},
                              {r.right() - d, r.bottom() - d, d, d},
                              {r.left(), r.bottom() - d, d, d}};
    const int starts[] = {90, 0, 270, 180};
    for (int i = 0; i < 4; ++i) {
        if (area.intersects(corners[i]))
            painter->drawArc(corners[i], starts[i] * 16, 90 * 16);
    }
}

} // namespace

BoundaryItem::BoundaryItem(const QString &id, QGraphicsItem *parent)
    : NodeItem(id, parent)
{
    setSize(QSizeF(320, 220));
    setZValue(0);
    setFlag(ItemUsesExtendedStyleOption); // exposedRect, for drawDashedOutline()
}

void BoundaryItem::sync(const Boundary &boundary, const ElementKind *kind)
{
    m_name = shownName(boundary.name);
    m_kind = QString::fromStdString(boundary.kind);
    m_kindName = kind ? QString::fromStdString(kind->displayName) : m_kind;
    setToolTip(QStringLiteral("%1\n%2 · %3").arg(m_name, m_kindName, id()));
    update();
}

bool BoundaryItem::isOnResizeHandle(const QPointF &point) const
{
    const QRectF handle(size().width() - handleSize, size().height() - handleSize,
                        handleSize + margin, handleSize + margin);
    return handle.contains(point);
}

QPainterPath BoundaryItem::shape() const
{
    // The whole area, so a press on the empty interior grabs the boundary; the items it holds
    // are its children, stacked above it, so a press on one of them still reaches that item.
    QPainterPath area;
    area.addRect(QRectF(QPointF(0, 0), size()).adjusted(-margin, -margin, margin, margin));
    return area;
}

void BoundaryItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    // Only a selected boundary can be resized, so only its grip promises it.
    setCursor(isSelected() && isOnResizeHandle(event->pos()) ? Qt::SizeFDiagCursor
                                                             : Qt::ArrowCursor);
    NodeItem::hoverMoveEvent(event);
}

void BoundaryItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QRectF r(QPointF(0, 0), size());
    const qreal lod = levelOfDetail(painter, option);
    const QColor hue = toQColor(boundaryHue(m_kind.toStdString()));
    // An opaque tint, not a translucent one: blending a large area costs far more than
    // filling it, and nested boundaries still read as layers because each draws over its parent.
    const QColor base = palette.color(QPalette::Base);
    const QColor fill = mixColors(base, hue, diagramstyle::boundaryFillAmount);
    QPen pen(isSelected() ? palette.color(QPalette::Highlight) : hue,
             isSelected() ? 2.5 : diagramstyle::boundaryPenWidth, Qt::DashLine);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(r, radius, radius);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(pen);
    drawDashedOutline(painter, r, option->exposedRect);

    if (lod >= 0.3) {
        const QRectF iconRect(diagramstyle::boundaryIconLeft, diagramstyle::boundaryIconTop,
                              diagramstyle::boundaryIconSize, diagramstyle::boundaryIconSize);
        KindIcons::instance().draw(painter, iconRect, m_kind, hue);
        QFont font = painter->font();
        font.setPointSizeF(diagramstyle::boundaryNamePoints);
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
        small.setPointSizeF(diagramstyle::boundaryKindPoints);
        painter->setFont(small);
        QColor quiet = palette.color(QPalette::Text);
        quiet.setAlphaF(diagramstyle::boundaryKindOpacity);
        painter->setPen(quiet);
        painter->drawText(
            QRectF(iconRect.right() + 12 + used, 4, std::max<qreal>(0, available - used - 6),
                   titleHeight - 6),
            Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(small).elidedText(m_kindName, Qt::ElideRight,
                                            std::max<qreal>(0, available - used - 6)));
    }
    if (isSelected()) {
        // The resize grip: two short diagonal strokes in the corner.
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        const QPointF corner = r.bottomRight();
        for (const qreal d : {6.0, 11.0, 16.0})
            painter->drawLine(corner + QPointF(-d, -2), corner + QPointF(-2, -d));
    }
    paintBadge(painter, QPointF(r.right() - 14, r.top()), m_badgeCount, m_badgeSeverity);
}

} // namespace bulkhead
