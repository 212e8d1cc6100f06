#include "nodeitem.h"

#include "badgeplacement.h"
#include "diagramscene.h"
#include "panels/threattablemodel.h"

#include <QPainter>

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

void NodeItem::setBadge(int openThreats, int worstSeverity)
{
    if (openThreats == m_badgeCount && worstSeverity == m_badgeSeverity)
        return;
    m_badgeCount = openThreats;
    m_badgeSeverity = worstSeverity;
    update();
}

void NodeItem::paintBadge(QPainter *painter, const QPointF &centre, int count, int severity)
{
    if (count <= 0 || severity < 0)
        return;
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QFont font = painter->font();
    font.setPointSizeF(7.5);
    font.setBold(true);
    painter->setFont(font);
    const QRectF disc = badgeplacement::discAt(centre, count);
    const qreal height = disc.height();
    painter->setPen(QPen(Qt::white, 1.2));
    painter->setBrush(severityColor(Severity(severity)));
    painter->drawRoundedRect(disc, height / 2, height / 2);
    painter->setPen(Qt::white);
    painter->drawText(disc, Qt::AlignCenter, text);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the badge, which may sit on any corner (badgeplacement.h).
    return QRectF(QPointF(0, 0), m_size).adjusted(-14, -10, 14, 10);
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
