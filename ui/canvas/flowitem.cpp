#include "flowitem.h"
#include "paintdetail.h"

#include "core/flow.h"
#include "diagramscene.h"
#include "nodeitem.h"

#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
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

/**
 * The part of the segment a→b inside `clip` (Liang–Barsky); false when none. Long flows
 * cross much of a diagram, and stroking costs time in proportion to the length drawn, so a
 * small repaint draws only the piece it can see.
 */
bool clipSegment(QPointF &a, QPointF &b, const QRectF &clip)
{
    const QPointF d = b - a;
    qreal t0 = 0;
    qreal t1 = 1;
    const qreal p[] = {-d.x(), d.x(), -d.y(), d.y()};
    const qreal q[] = {a.x() - clip.left(), clip.right() - a.x(), a.y() - clip.top(),
                       clip.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const qreal t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    const QPointF start = a + d * t0;
    b = a + d * t1;
    a = start;
    return true;
}

QFont labelFont()
{
    QFont font;
    font.setPointSizeF(diagramstyle::flowLabelPoints);
    return font;
}

QPolygonF arrowHead(const QPointF &tip, const QPointF &direction)
{
    const QPointF d = unit(direction);
    const QPointF n(-d.y(), d.x());
    const qreal length = diagramstyle::arrowLength;
    const qreal half = diagramstyle::arrowHalfWidth;
    return QPolygonF({tip, tip - d * length + n * half, tip - d * length - n * half});
}

} // namespace

FlowItem::FlowItem(const QString &id)
    : m_id(id)
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
    setZValue(20);
    setAcceptHoverEvents(true);
}

void FlowItem::sync(const Flow &flow)
{
    m_sourceId = QString::fromStdString(flow.source);
    m_targetId = QString::fromStdString(flow.target);
    const QString name = shownName(flow.name);
    m_bidirectional = flow.bidirectional;
    m_openedByTarget = flow.initiator == FlowInitiator::Target;
    const QString opener = m_openedByTarget ? QObject::tr("Connection opened by the target (dot)")
                                            : QObject::tr("Connection opened by the source (dot)");
    setToolTip((name.isEmpty() ? m_id : name + QStringLiteral("\n") + m_id) + QStringLiteral("\n")
               + opener);
    if (name != m_name) {
        m_name = name;
        layoutLabel(); // along the path as it is: a new name does not move the flow
    }
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
    layoutLabel();
}

void FlowItem::layoutLabel()
{
    prepareGeometryChange();
    m_bounds = m_path.isEmpty() ? QRectF() : m_path.boundingRect().adjusted(-14, -14, 14, 14);
    m_labelText.clear();
    m_labelRect = QRectF();
    if (!m_name.isEmpty() && !m_path.isEmpty()) {
        // Labels stay within the gap between the two shapes where they can, so they do not
        // cover the elements' icons and names.
        static const QFontMetricsF metrics(labelFont());
        const qreal gap = QLineF(m_start, m_end).length();
        m_labelText = metrics.elidedText(m_name, Qt::ElideRight, std::clamp(gap - 16, 60.0, 200.0));
        const QSizeF box(metrics.horizontalAdvance(m_labelText) + 10, metrics.height() + 4);
        m_labelRect = QRectF(m_labelAnchor - QPointF(box.width() / 2, box.height() / 2), box);
        m_bounds = m_bounds.united(m_labelRect.adjusted(-2, -2, 2, 2));
    }
}

void FlowItem::setBadge(int openThreats, int worstSeverity)
{
    if (openThreats == m_badgeCount && worstSeverity == m_badgeSeverity)
        return;
    m_badgeCount = openThreats;
    m_badgeSeverity = worstSeverity;
    update();
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
    if (!m_labelRect.isEmpty())
        hit.addRect(m_labelRect);
    return hit;
}

void FlowItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const auto under = scene()->items(event->scenePos());
    const bool overElement = std::any_of(under.begin(), under.end(), [](const QGraphicsItem *item) {
        return isSceneItem(item, SceneItemType::Element);
    });
    if (overElement) {
        event->ignore(); // the scene offers the press to the element below
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void FlowItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    QColor color = isSelected() ? palette.color(QPalette::Highlight)
                                : palette.color(QPalette::Text);
    if (!isSelected())
        color.setAlphaF(diagramstyle::flowOpacity);
    // Antialiased lines are most of what a repaint costs in a crowded diagram; while the user
    // drags, flows are drawn aliased so the canvas keeps up, and crisp again on release.
    const auto *diagram = qobject_cast<const DiagramScene *>(scene());
    if (diagram && diagram->isInteracting())
        painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(color, isSelected() ? 2.4 : diagramstyle::flowPenWidth));
    painter->setBrush(Qt::NoBrush);
    if (m_path.elementCount() == 2) { // a straight flow
        QPointF a = m_start;
        QPointF b = m_end;
        if (clipSegment(a, b, option->exposedRect.adjusted(-3, -3, 3, 3)))
            painter->drawLine(a, b);
    } else {
        painter->drawPath(m_path);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(arrowHead(m_end, m_endDirection));
    if (m_bidirectional)
        painter->drawPolygon(arrowHead(m_start, m_startDirection));
    // A dot at the end that opens the connection, behind the arrowhead when one is there.
    const bool headAtOpener = m_openedByTarget || m_bidirectional;
    const QPointF openerTip = m_openedByTarget ? m_end : m_start;
    const QPointF openerDirection = m_openedByTarget ? m_endDirection : m_startDirection;
    painter->drawEllipse(openerTip - unit(openerDirection) * (headAtOpener ? 15.0 : 4.0),
                         diagramstyle::openerDotRadius, diagramstyle::openerDotRadius);

    const qreal lod = levelOfDetail(painter, option);
    // The badge sits at the start of the label, or the middle of the line without one.
    const QPointF badgeAt = m_labelText.isEmpty() || lod < 0.4
                                ? m_labelAnchor
                                : QPointF(m_labelRect.left(), m_labelRect.top());
    if (m_labelText.isEmpty() || lod < 0.4) {
        NodeItem::paintBadge(painter, badgeAt, m_badgeCount, m_badgeSeverity);
        return;
    }
    static const QFont font = labelFont();
    painter->setFont(font);
    QColor background = palette.color(QPalette::Base);
    background.setAlphaF(diagramstyle::flowLabelPlateOpacity);
    painter->setBrush(background);
    painter->setPen(Qt::NoPen);
    painter->drawRoundedRect(m_labelRect, diagramstyle::flowLabelPlateRadius,
                             diagramstyle::flowLabelPlateRadius);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(m_labelRect, Qt::AlignCenter, m_labelText);
    NodeItem::paintBadge(painter, badgeAt, m_badgeCount, m_badgeSeverity);
}

} // namespace bulkhead
