#include "itemtypes.h"

#include "flowitem.h"
#include "nodeitem.h"

namespace bulkhead {

const NodeItem *nodeItemCast(const QGraphicsItem *item)
{
    if (isSceneItem(item, SceneItemType::Element) || isSceneItem(item, SceneItemType::Boundary))
        return static_cast<const NodeItem *>(item);
    return nullptr;
}

NodeItem *nodeItemCast(QGraphicsItem *item)
{
    return const_cast<NodeItem *>(nodeItemCast(static_cast<const QGraphicsItem *>(item)));
}

QString diagramItemId(const QGraphicsItem *item)
{
    if (const NodeItem *node = nodeItemCast(item))
        return node->id();
    if (const auto *flow = qgraphicsitem_cast<const FlowItem *>(item))
        return flow->id();
    return {};
}

} // namespace bulkhead
