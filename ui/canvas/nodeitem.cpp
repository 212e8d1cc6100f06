#include "nodeitem.h"

#include "diagramscene.h"

namespace bulkhead {

NodeItem::NodeItem(const QString &id, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_id(id)
    , m_size(140, 70)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
}

void NodeItem::setSize(const QSizeF &size)
{
    if (size == m_size)
        return;
    prepareGeometryChange();
    m_size = size;
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-margin, -margin, margin, margin);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (diagram && change == ItemPositionChange)
        return diagram->snappedPosition(this, value.toPointF());
    if (diagram && change == ItemPositionHasChanged)
        diagram->nodeMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

} // namespace bulkhead
