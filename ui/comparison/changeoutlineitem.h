#pragma once

#include "changemarks.h"

#include <QGraphicsObject>
#include <QPainterPath>

namespace bulkhead {

/**
 * The outline around an added or changed diagram item, with its badge. A child of that item,
 * so it follows the item while it is dragged; it takes no mouse button, so clicks reach the
 * item beneath. It shows a tooltip such as "Added since old.bulkhead.json".
 */
class ChangeOutlineItem : public QGraphicsObject
{
    Q_OBJECT

public:
    ChangeOutlineItem(QGraphicsItem *target, ChangeMark mark, const QString &toolTip);

    ChangeMark mark() const { return m_mark; }
    /** The badge's centre, in the outline's (its target's) coordinates. */
    QPointF badgeCentre() const { return m_badgeCentre; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ChangeMark m_mark;
    QPainterPath m_outline;
    QPointF m_badgeCentre;
};

} // namespace bulkhead
