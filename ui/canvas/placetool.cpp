#include "placetool.h"

#include "boundaryitem.h"
#include "catalog/catalog.h"
#include "commands/additemscommand.h"
#include "commands/moveitemscommand.h"
#include "document.h"
#include "elementitem.h"
#include "inviewplacement.h"
#include "scenegeometry.h"

#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>
#include <QPalette>
#include <QUndoStack>

#include <set>

namespace bulkhead {

namespace {

constexpr QSizeF defaultElementSize(140, 70);
constexpr QSizeF defaultBoundarySize(320, 220);
constexpr QSizeF minimumBoundarySize(120, 80);

QSizeF defaultSizeOf(const ElementKind &kind)
{
    return kind.isBoundary() ? defaultBoundarySize : defaultElementSize;
}

/**
 * "Container 1", "Container 2", "Host 1": a readable starting name the user will replace,
 * numbered per kind (the first host is Host 1 whatever else is drawn), skipping names in use.
 */
std::string startingName(const ThreatModel &model, const ElementKind &kind)
{
    std::set<std::string> taken;
    for (const Element &e : model.elements())
        taken.insert(e.name);
    for (const Boundary &b : model.boundaries())
        taken.insert(b.name);
    for (std::size_t n = 1;; ++n) {
        std::string name = kind.displayName + ' ' + std::to_string(n);
        if (!taken.contains(name))
            return name;
    }
}

/** Adds a boundary, and moves the items it adopts into it, as one undo step. */
void addBoundary(Document &document, const Boundary &boundary,
                 const QList<const NodeItem *> &adopted, const QString &text)
{
    ItemSnapshot snapshot;
    snapshot.boundaries.emplace_back(int(document.model().boundaries().size()), boundary);
    QUndoStack *stack = document.undoStack();
    stack->beginMacro(text);
    stack->push(new AddItemsCommand(&document, snapshot, QString()));
    if (!adopted.isEmpty()) {
        const QString container = QString::fromStdString(boundary.parent);
        const QString id = QString::fromStdString(boundary.id);
        std::vector<ItemMove> moves;
        for (const NodeItem *node : adopted) {
            const Rect geometry = toRect(node->sceneShapeRect());
            moves.push_back({node->id(), geometry, geometry, container, id});
        }
        stack->push(new MoveItemsCommand(&document, std::move(moves), QString()));
    }
    stack->endMacro();
}

} // namespace

void PlaceTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    m_pressPos = event->scenePos();
    const ElementKind *kind = scene()->document()->catalog().findKind(m_kind.toStdString());
    if (kind && kind->isBoundary()) {
        // Boundaries are dragged out; the rectangle shows what they will enclose.
        m_rubberBoundary = scene()->addRect(
            QRectF(m_pressPos, QSizeF(0, 0)),
            QPen(scene()->palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
        m_rubberBoundary->setZValue(100);
    }
    event->accept();
}

void PlaceTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (m_rubberBoundary)
        m_rubberBoundary->setRect(QRectF(m_pressPos, event->scenePos()).normalized());
    else
        scene()->defaultMouseEvent(event); // hovering
}

void PlaceTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    const QRectF area = m_rubberBoundary ? m_rubberBoundary->rect() : QRectF();
    const QString kind = m_kind;
    scene()->setTool(DiagramScene::Tool::Select); // drops the rubber band and the kind
    if (area.width() >= minimumBoundarySize.width()
        && area.height() >= minimumBoundarySize.height())
        place(kind, area.center(), area.size());
    else
        placeInView(kind, event->scenePos(), visibleSceneRect(event));
}

void PlaceTool::cancel()
{
    delete std::exchange(m_rubberBoundary, nullptr);
}

QString PlaceTool::place(const QString &kind, const QPointF &scenePos, const QSizeF &requestedSize)
{
    const ElementKind *k = scene()->document()->catalog().findKind(kind.toStdString());
    if (!k)
        return {};
    const QSizeF size = requestedSize.isValid() && !requestedSize.isEmpty() ? requestedSize
                                                                            : defaultSizeOf(*k);
    const QPointF topLeft = scenePos - QPointF(size.width() / 2, size.height() / 2);
    return addInRect(kind, *k, QRectF(scene()->snapped(topLeft), size));
}

QString PlaceTool::placeInView(const QString &kind, const QPointF &scenePos, const QRectF &visible)
{
    const ElementKind *k = scene()->document()->catalog().findKind(kind.toStdString());
    if (!k)
        return {};
    // Kept half a grid step inside the view, so snapping cannot push it back out.
    const qreal inset = DiagramScene::gridSize / 2.0;
    const QRectF inView = keptInside(placedAround(scenePos, defaultSizeOf(*k), k->isBoundary()),
                                     visible.adjusted(inset, inset, -inset, -inset));
    return addInRect(kind, *k, QRectF(scene()->snapped(inView.topLeft()), inView.size()));
}

QString PlaceTool::addInRect(const QString &kind, const ElementKind &k, const QRectF &rect)
{
    Document *document = scene()->document();
    const ThreatModel &model = document->model();
    const std::string id = model.generateId(kind.toStdString());
    const QString container = scene()->containerAt(rect.center(), nullptr);
    const QString text = QObject::tr("Add %1").arg(QString::fromStdString(k.displayName));
    if (k.isBoundary()) {
        const Boundary boundary{
            id, kind.toStdString(), startingName(model, k), container.toStdString(),
            {}, toRect(rect)};
        addBoundary(*document, boundary, scene()->adoptedBy(rect, container), text);
    } else {
        ItemSnapshot snapshot;
        const Element element{
            id, kind.toStdString(), startingName(model, k), container.toStdString(),
            {}, toRect(rect)};
        snapshot.elements.emplace_back(int(model.elements().size()), element);
        document->undoStack()->push(new AddItemsCommand(document, snapshot, text));
    }
    QString newId = QString::fromStdString(id); // not const: returned by move
    scene()->selectIds({newId});
    return newId;
}

} // namespace bulkhead
