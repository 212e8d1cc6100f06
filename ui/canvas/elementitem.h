#pragma once

#include "nodeitem.h"
#include "itemtypes.h"

#include <QFont>

#include <functional>

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

    /** Where the name and kind are drawn (item coordinates), as wide as their text. */
    QRectF labelRect() const;
    /** The centre of the open-threat badge (item coordinates). */
    QPointF badgeCentre() const { return m_badgeCentre; }
    /**
     * Moves the badge to the first corner clear of the label and of whatever `blocked` says
     * a disc (scene coordinates) would cover; see badgeplacement.h.
     */
    void placeBadge(const std::function<bool(const QRectF &sceneDisc)> &blocked);

private:
    /** The name (wrapped onto at most two lines) and kind, and where each is drawn. */
    struct Label
    {
        QFont nameFont;
        QFont kindFont;
        QString name;
        QString kindName;
        QRectF nameRect;
        QRectF kindRect;
    };
    Label layOutLabel(const QFont &baseFont) const;
    QRectF iconRect() const;

    QPointF m_badgeCentre;
    QString m_name;
    QString m_kind;
    QString m_kindName;
    /** The kind it is deployed as besides its own (a database's "container"), or empty. */
    QString m_deployedKind;
    int m_role = 1; ///< ElementRole as int: 0 entity, 1 process, 2 store
    bool m_outOfScope = false;
};

} // namespace bulkhead
