#pragma once

#include "boundary.h"
#include "element.h"
#include "flow.h"

#include <cassert>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace bulkhead {

class ThreatModel;

/** What a diagram id names: an element, a boundary, a flow, or nothing in the diagram. */
enum class ItemKind : unsigned char { None, Element, Boundary, Flow };

/**
 * A reference to one diagram item of whatever kind, with what every kind has: id, name and
 * properties. `Mutable` gives write access to those through a non-const model. Valid as long
 * as the model's items are not added or removed (like a pointer into a vector).
 */
template<bool Mutable>
class BasicItemRef
{
    template<typename T>
    using Qualified = std::conditional_t<Mutable, T, const T>;

public:
    using ElementType = Qualified<Element>;
    using BoundaryType = Qualified<Boundary>;
    using FlowType = Qualified<Flow>;
    using PropertiesType = Qualified<PropertyMap>;
    using TextType = Qualified<std::string>;

    BasicItemRef() = default;
    BasicItemRef(ElementType *element) { assign(element); }
    BasicItemRef(BoundaryType *boundary) { assign(boundary); }
    BasicItemRef(FlowType *flow) { assign(flow); }
    /** A mutable reference also reads as a const one. */
    template<bool OtherMutable, std::enable_if_t<OtherMutable && !Mutable, int> = 0>
    BasicItemRef(const BasicItemRef<OtherMutable> &other)
    {
        assign<const Element>(other.element());
        assign<const Boundary>(other.boundary());
        assign<const Flow>(other.flow());
    }

    ItemKind kind() const { return static_cast<ItemKind>(m_target.index()); }
    explicit operator bool() const { return kind() != ItemKind::None; }

    /** The item as its own type, or nullptr when it is of another kind. */
    ElementType *element() const { return get<ElementType>(); }
    BoundaryType *boundary() const { return get<BoundaryType>(); }
    FlowType *flow() const { return get<FlowType>(); }

    /** Id, name and properties of the item; the reference must not be empty. */
    TextType &id() const { return member(&Element::id, &Boundary::id, &Flow::id); }
    TextType &name() const { return member(&Element::name, &Boundary::name, &Flow::name); }
    PropertiesType &properties() const
    {
        return member(&Element::properties, &Boundary::properties, &Flow::properties);
    }

private:
    template<typename T>
    void assign(T *item)
    {
        if (item)
            m_target = item;
    }
    template<typename T>
    T *get() const
    {
        T *const *item = std::get_if<T *>(&m_target);
        return item ? *item : nullptr;
    }
    template<typename M>
    Qualified<M> &member(M Element::*ofElement, M Boundary::*ofBoundary, M Flow::*ofFlow) const
    {
        assert(kind() != ItemKind::None);
        if (ElementType *e = element())
            return e->*ofElement;
        if (BoundaryType *b = boundary())
            return b->*ofBoundary;
        return flow()->*ofFlow;
    }

    // The alternatives' order matches ItemKind's, so the index is the kind.
    std::variant<std::monostate, ElementType *, BoundaryType *, FlowType *> m_target;
};

using ItemRef = BasicItemRef<false>;
using MutableItemRef = BasicItemRef<true>;

/**
 * The diagram item with this id: the first element holding it, else the first boundary, else
 * the first flow (the order validation reports duplicates in); empty when none has it.
 * Manual threats share the id space but are not diagram items.
 */
ItemRef findItem(const ThreatModel &model, std::string_view id);
MutableItemRef findItem(ThreatModel &model, std::string_view id);
/**
 * The first item of `kind` with this id, whatever other kinds share it: for callers that know
 * what the id names (a notification, a threat's subject). Empty for ItemKind::None.
 */
ItemRef findItem(const ThreatModel &model, std::string_view id, ItemKind kind);

/**
 * The item's name as the editor and every report show it: its own name, or for a flow without
 * one its ends, "Source → Target" (each end by its name, else its id). Empty for an unnamed
 * element or boundary and for an empty reference: the caller falls back to the id.
 */
std::string shownName(const ThreatModel &model, const ItemRef &item);

} // namespace bulkhead
