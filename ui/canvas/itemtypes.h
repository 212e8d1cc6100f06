#pragma once

#include <QGraphicsItem>

namespace bulkhead {

/** QGraphicsItem::type() values, for qgraphicsitem_cast. */
enum ItemTypes {
    ElementItemType = QGraphicsItem::UserType + 1,
    BoundaryItemType,
    FlowItemType,
};

} // namespace bulkhead
