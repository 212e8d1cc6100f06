#pragma once

#include "expression.h"

#include <string>
#include <vector>

namespace bulkhead {

/** One property holding one value: a piece of what makes an expression true. */
struct PropertyCondition
{
    Holder holder = Holder::Subject;
    /** The boundary kind for Holder::EnclosingBoundary. */
    const ElementKind *boundaryKind = nullptr;
    std::string property;
    /** In stored form: a tri-state property's value is "yes" or "no". */
    PropertyValue value;

    friend bool operator==(const PropertyCondition &, const PropertyCondition &) = default;
};

/** Property values that, all together, make an expression true. */
using ConditionSet = std::vector<PropertyCondition>;

/** Most alternatives satisfyingConditions() lists; an `or` of many `or`s stops there. */
inline constexpr std::size_t maxConditionAlternatives = 16;

/**
 * The ways of making a compiled expression true by storing property values, read from the
 * compiled nodes (never from the text): `p`, `not p`, `p == literal`, `p != boolean`,
 * `p in [literals]` (the list's first value) and `and`/`or` of those. Alternatives come in the
 * order the expression gives them, left first.
 *
 * Empty when no assignment of properties expresses the expression (it compares with <, calls a
 * function, reads a kind or a name), so a caller can say that no property expresses it.
 */
std::vector<ConditionSet> satisfyingConditions(const CompiledExpression &expression);

/**
 * Every property schema the expression reads, once each, in the order first read: for a
 * reference compiled against several kinds, each kind's spec (a common property's spec once).
 */
std::vector<const PropertySpec *> propertiesRead(const CompiledExpression &expression);

} // namespace bulkhead
