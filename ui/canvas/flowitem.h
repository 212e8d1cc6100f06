#pragma once

#include "itemtypes.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

namespace bulkhead {

struct Flow;
class NodeItem;

/**
 * A data flow: a line (or, when several flows join the same two elements, a gentle curve
 * kept apart from its siblings) from border to border with arrowheads and its name.
 */
class FlowItem : public QGraphicsItem
{
public:
    explicit FlowItem(const QString &id);

    enum { Type = int(SceneItemType::Flow) };
    int type() const override { return Type; }

    QString id() const { return m_id; }
    QString sourceId() const { return m_sourceId; }
    QString targetId() const { return m_targetId; }

    void sync(const Flow &flow);
    /** Recomputes the path between the end items; `lane` spreads parallel flows apart. */
    void updatePath(const NodeItem *source, const NodeItem *target, qreal lane);

    /** Open threats on this flow and the worst open residual severity (-1: none). */
    void setBadge(int openThreats, int worstSeverity);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /** Fits the name's label to the current path and takes its room into the bounds. */
    void layoutLabel();

protected:
    /** A flow crossing an element does not steal the press: the element stays grabbable. */
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QString m_id;
    QString m_sourceId;
    QString m_targetId;
    QString m_name;
    bool m_bidirectional = false;
    /** Whether the target, not the source, opens the connection: the dot marks that end. */
    bool m_openedByTarget = false;
    QPainterPath m_path;
    QPointF m_labelAnchor;
    QPointF m_start;
    QPointF m_end;
    QPointF m_startDirection;
    QPointF m_endDirection;
    QRectF m_bounds;
    /** The label as drawn, worked out when the path changes rather than on every paint. */
    int m_badgeCount = 0;
    int m_badgeSeverity = -1;
    QString m_labelText;
    QRectF m_labelRect;
};

} // namespace bulkhead
