#include "flowitem.h"

#include "core/flow.h"
#include "nodeitem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace bulkhead {

namespace {

/** Where the ray from the rectangle's centre towards `toward` leaves the rectangle. */
QPointF borderPoint(const QRectF &rect, const QPointF &toward)
{
    const QPointF c = rect.center();
    const QPointF d = toward - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = d.x() != 0 ? (rect.width() / 2) / std::abs(d.x()) : 1e9;
    const qreal sy = d.y() != 0 ? (rect.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

QPointF unit(const QPointF &v)
{
    const qreal length = std::hypot(v.x(), v.y());
    return length > 0 ? v / length : QPointF(1, 0);
}

QPolygonF arrowHead(const QPointF &tip, const QPointF &direction)
{
    const QPointF d = unit(direction);
    const QPointF n(-d.y(), d.x());
    const qreal length = 11;
    const qreal half = 5;
    return QPolygonF({tip, tip - d * length + n * half, tip - d * length - n * half});
}

} // namespace

FlowItem::FlowItem(const QString &id)
    : m_id(id)
{
    setFlags(ItemIsSelectable);
    setZValue(20);
    setAcceptHoverEvents(true);
}

void FlowItem::sync(const Flow &flow)
{
    m_sourceId = QString::fromStdString(flow.source);
    m_targetId = QString::fromStdString(flow.target);
    m_name = QString::fromStdString(flow.name);
    m_bidirectional = flow.bidirectional;
    setToolTip(m_name.isEmpty() ? m_id : m_name + QStringLiteral("\n") + m_id);
    update();
}

void FlowItem::updatePath(const NodeItem *source, const NodeItem *target, qreal lane)
{
    prepareGeometryChange();
    m_path = QPainterPath();
    if (!source || !target) {
        m_bounds = QRectF();
        return;
    }
    const QRectF from = source->sceneShapeRect();
    const QRectF to = target->sceneShapeRect();
    const QPointF axis = to.center() - from.center();
    const QPointF normal = unit(QPointF(-axis.y(), axis.x()));
    // Parallel flows bend away from the straight line by their lane; the control point sits
    // twice as far out so the curve's middle lands on the lane.
    const QPointF middle = (from.center() + to.center()) / 2 + normal * lane;
    const QPointF control = (from.center() + to.center()) / 2 + normal * lane * 2;
    m_start = borderPoint(from, lane == 0 ? to.center() : control);
    m_end = borderPoint(to, lane == 0 ? from.center() : control);
    m_path.moveTo(m_start);
    if (lane == 0) {
        m_path.lineTo(m_end);
        m_startDirection = m_start - m_end;
        m_endDirection = m_end - m_start;
        m_labelAnchor = (m_start + m_end) / 2;
    } else {
        m_path.quadTo(control, m_end);
        m_startDirection = m_start - control;
        m_endDirection = m_end - control;
        m_labelAnchor = middle;
    }
    m_bounds = m_path.boundingRect().adjusted(-12, -12, 12, 12);
    if (!m_name.isEmpty())
        m_bounds = m_bounds.united(QRectF(m_labelAnchor - QPointF(110, 14), QSizeF(220, 28)));
}

QRectF FlowItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath FlowItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath hit = stroker.createStroke(m_path);
    if (!m_name.isEmpty())
        hit.addRect(QRectF(m_labelAnchor - QPointF(50, 9), QSizeF(100, 18)));
    return hit;
}

void FlowItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    QColor color = isSelected() ? palette.color(QPalette::Highlight) : palette.color(QPalette::Text);
    if (!isSelected())
        color.setAlphaF(0.75);
    painter->setPen(QPen(color, isSelected() ? 2.4 : 1.5));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(arrowHead(m_end, m_endDirection));
    if (m_bidirectional)
        painter->drawPolygon(arrowHead(m_start, m_startDirection));

    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (m_name.isEmpty() || lod < 0.4)
        return;
    QFont font = painter->font();
    font.setPointSizeF(8);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    // Labels stay within the gap between the two shapes where they can, so they do not
    // cover the elements' icons and names.
    const qreal gap = QLineF(m_start, m_end).length();
    const QString text = metrics.elidedText(m_name, Qt::ElideRight, std::clamp(gap - 16, 60.0, 200.0));
    const QSizeF box(metrics.horizontalAdvance(text) + 10, metrics.height() + 4);
    const QRectF labelRect(m_labelAnchor - QPointF(box.width() / 2, box.height() / 2), box);
    QColor background = palette.color(QPalette::Base);
    background.setAlphaF(0.9);
    painter->setBrush(background);
    painter->setPen(Qt::NoPen);
    painter->drawRoundedRect(labelRect, 4, 4);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(labelRect, Qt::AlignCenter, text);
}

} // namespace bulkhead
