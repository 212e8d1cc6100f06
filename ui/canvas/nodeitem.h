#pragma once

#include <QGraphicsItem>
#include <QString>

namespace bulkhead {

/**
 * A diagram item with a rectangle of its own: an element or a boundary. Positions are
 * relative to the enclosing boundary's item, so moving a boundary moves what it holds; the
 * scene converts to and from the model's absolute geometry.
 */
class NodeItem : public QGraphicsItem
{
public:
    explicit NodeItem(const QString &id, QGraphicsItem *parent = nullptr);

    QString id() const { return m_id; }
    QSizeF size() const { return m_size; }
    void setSize(const QSizeF &size);
    /** The shape's rectangle in scene coordinates. */
    QRectF sceneShapeRect() const { return mapRectToScene(QRectF(QPointF(0, 0), m_size)); }

    QRectF boundingRect() const override;

    /** Open threats on this item and the worst open residual severity (-1: none). */
    void setBadge(int openThreats, int worstSeverity);
    int badgeCount() const { return m_badgeCount; }
    int badgeSeverity() const { return m_badgeSeverity; }

    /** Draws a count in a disc coloured by severity, centred at `centre`. */
    static void paintBadge(QPainter *painter, const QPointF &centre, int count, int severity);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

    /** Room around the shape for the selection outline and handles. */
    static constexpr qreal margin = 4;
    int m_badgeCount = 0;
    int m_badgeSeverity = -1;

private:
    QString m_id;
    QSizeF m_size;
};

} // namespace bulkhead
