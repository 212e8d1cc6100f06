#include "changeoutlineitem.h"

#include "canvas/itemtypes.h"
#include "canvas/nodeitem.h"

#include <QPainter>
#include <QPainterPathStroker>

namespace bulkhead {

namespace {

constexpr qreal penWidth = 3;
/** Room between the item's shape and the outline, so the item's own look stays readable. */
constexpr qreal gap = 5;

} // namespace

ChangeOutlineItem::ChangeOutlineItem(QGraphicsItem *target, ChangeMark mark, const QString &toolTip)
    : QGraphicsObject(target)
    , m_mark(mark)
{
    if (const NodeItem *node = nodeItemCast(target)) {
        const QRectF rect = QRectF(QPointF(0, 0), node->size()).adjusted(-gap, -gap, gap, gap);
        m_outline.addRoundedRect(rect, 6, 6);
        m_badgeCentre = rect.topLeft();
    } else {
        // A flow: a band around its line and label.
        QPainterPathStroker stroker;
        stroker.setWidth(2 * gap);
        m_outline = stroker.createStroke(target->shape()).simplified();
        m_badgeCentre = target->shape().pointAtPercent(0.5);
    }
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setToolTip(toolTip);
}

QRectF ChangeOutlineItem::boundingRect() const
{
    const qreal half = penWidth / 2;
    return m_outline.boundingRect()
        .adjusted(-half, -half, half, half)
        .united(changeBadgeRect(m_badgeCentre).adjusted(-1, -1, 1, 1));
}

QPainterPath ChangeOutlineItem::shape() const
{
    // The line and the badge only: the item inside stays the one under the pointer.
    QPainterPathStroker stroker;
    stroker.setWidth(penWidth * 2);
    QPainterPath hit = stroker.createStroke(m_outline);
    hit.addEllipse(changeBadgeRect(m_badgeCentre));
    return hit;
}

void ChangeOutlineItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setPen(changeMarkPen(m_mark, penWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_outline);
    paintChangeBadge(painter, m_badgeCentre, m_mark);
}

} // namespace bulkhead
