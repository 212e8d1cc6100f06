#pragma once

#include "nodeitem.h"
#include "itemtypes.h"

namespace bulkhead {

struct Element;
struct ElementKind;

/** An element drawn in its DFD role's shape: entity rectangle, process rounded, store lines. */
class ElementItem : public NodeItem
{
public:
    explicit ElementItem(const QString &id, QGraphicsItem *parent = nullptr);

    enum { Type = int(SceneItemType::Element) };
    int type() const override { return Type; }

    /** Takes name, kind and scope from the model; position and size are the scene's job. */
    void sync(const Element &element, const ElementKind *kind);

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_name;
    QString m_kind;
    QString m_kindName;
    /** The kind it is deployed as besides its own (a database's "container"), or empty. */
    QString m_deployedKind;
    int m_role = 1; ///< ElementRole as int: 0 entity, 1 process, 2 store
    bool m_outOfScope = false;
};

} // namespace bulkhead
