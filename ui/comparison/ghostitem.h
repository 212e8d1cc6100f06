#pragma once

#include "changemarks.h"

#include <QGraphicsObject>
#include <QLineF>
#include <QRectF>
#include <QString>

namespace bulkhead {

/**
 * A removed boundary, element or flow, drawn where the other model had it: hatched, dashed
 * and red, with a "−" badge and "(removed)" after its name. It is no diagram item: not in the
 * document, not selectable or movable, and it takes no mouse button.
 */
class GhostItem : public QGraphicsObject
{
    Q_OBJECT

public:
    /** A boundary or an element over `area` (scene coordinates). */
    GhostItem(MarkedItem type, const QString &id, const QString &name, const QRectF &area,
              const QString &toolTip);
    /** A flow along `line` (scene coordinates). */
    GhostItem(const QString &id, const QString &name, const QLineF &line, const QString &toolTip);

    MarkedItem itemType() const { return m_type; }
    QString id() const { return m_id; }
    /** Drawn stronger: the comparison list's entry for it is the current one. */
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void setUp(const QString &toolTip);
    QString label() const;
    void paintFlow(QPainter *painter) const;
    void paintNode(QPainter *painter) const;

    MarkedItem m_type;
    QString m_id;
    QString m_name;
    QRectF m_area;
    QLineF m_line;
    bool m_highlighted = false;
};

/**
 * The part of the line between the centres of `from` and `to` that lies outside both, so a
 * ghost flow runs from border to border like a drawn one.
 */
QLineF lineBetweenBorders(const QRectF &from, const QRectF &to);

} // namespace bulkhead
