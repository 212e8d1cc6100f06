#include "selectionmoves.h"

#include "diagramscene.h"
#include "document.h"
#include "itemtypes.h"
#include "nodeitem.h"
#include "scenegeometry.h"

#include <QUndoStack>

#include <algorithm>

namespace bulkhead {

QString containerOf(const ThreatModel &model, const QString &id)
{
    const std::string key = id.toStdString();
    if (const Element *e = model.findElement(key))
        return QString::fromStdString(e->boundary);
    if (const Boundary *b = model.findBoundary(key))
        return QString::fromStdString(b->parent);
    return {};
}

bool isCarriedBy(const NodeItem *node, const QSet<const NodeItem *> &nodes)
{
    for (const QGraphicsItem *p = node->parentItem(); p; p = p->parentItem()) {
        if (nodes.contains(nodeItemCast(p)))
            return true;
    }
    return false;
}

void appendContentMoves(const ThreatModel &model, const NodeItem *node, QPointF fromOffset,
                        QPointF toOffset, QSet<const NodeItem *> &handled,
                        std::vector<ItemMove> &moves)
{
    for (const QGraphicsItem *child : node->childItems()) {
        const NodeItem *inner = nodeItemCast(child);
        if (!inner || handled.contains(inner))
            continue;
        handled.insert(inner);
        const QRectF now = inner->sceneShapeRect();
        const QString container = containerOf(model, inner->id());
        moves.push_back({inner->id(), toRect(now.translated(fromOffset)),
                         toRect(now.translated(toOffset)), container, container});
        appendContentMoves(model, inner, fromOffset, toOffset, handled, moves);
    }
}

void nudgeSelection(DiagramScene &scene, QPointF step)
{
    Document *document = scene.document();
    const ThreatModel &model = document->model();
    QSet<const NodeItem *> selected;
    for (QGraphicsItem *item : scene.selectedItems()) {
        if (const NodeItem *node = nodeItemCast(item))
            selected.insert(node);
    }
    std::vector<ItemMove> moves;
    QSet<const NodeItem *> handled;
    for (const NodeItem *node : std::as_const(selected)) {
        if (isCarriedBy(node, selected))
            continue;
        const QRectF now = node->sceneShapeRect();
        const QString container = containerOf(model, node->id());
        moves.push_back(
            {node->id(), toRect(now), toRect(now.translated(step)), container, container});
        appendContentMoves(model, node, QPointF(), step, handled, moves);
    }
    if (moves.empty())
        return;
    // Sorted, so repeated nudges of the same items merge into one step.
    std::sort(moves.begin(), moves.end(),
              [](const ItemMove &a, const ItemMove &b) { return a.id < b.id; });
    document->undoStack()->push(
        new MoveItemsCommand(document, std::move(moves), QObject::tr("Nudge"), true));
}

} // namespace bulkhead
