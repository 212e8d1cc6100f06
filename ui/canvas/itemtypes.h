#pragma once

#include <QGraphicsItem>
#include <QString>

namespace bulkhead {

class NodeItem;

/**
 * What a diagram item is: its QGraphicsItem::type(), so qgraphicsitem_cast tells items apart
 * without dynamic_cast. (Document's ItemType names what an id is in the model.)
 */
enum class SceneItemType : int {
    Element = QGraphicsItem::UserType + 1,
    Boundary,
    Flow,
};

/** Whether the item is of that type. */
inline bool isSceneItem(const QGraphicsItem *item, SceneItemType type)
{
    return item && item->type() == int(type);
}

/** The item as an element or boundary, or nullptr for anything else (a flow, a rubber band). */
NodeItem *nodeItemCast(QGraphicsItem *item);
const NodeItem *nodeItemCast(const QGraphicsItem *item);

/** The model id an element, boundary or flow item shows; empty for any other item. */
QString diagramItemId(const QGraphicsItem *item);

} // namespace bulkhead
