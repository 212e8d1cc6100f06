#include "propertyrow.h"

#include "fieldbinding.h"
#include "propertyeditor.h"
#include "propertytext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <climits>

namespace bulkhead {

namespace {

constexpr std::int64_t defaultIntMaximum = 1'000'000;

void createValueEditor(PropertyRow &row, const PropertyRowActions &actions, QWidget *field)
{
    PropertyRow *target = &row;
    switch (row.spec().type) {
    case PropertyType::Bool:
        row.check = new QCheckBox(field);
        row.editor = row.check;
        QObject::connect(row.check, &QCheckBox::clicked, actions.context,
                         [commit = actions.commit, target] { commit(*target); });
        break;
    case PropertyType::Tri:
    case PropertyType::Enum:
        row.combo = new QComboBox(field);
        row.combo->setFocusPolicy(Qt::StrongFocus);
        row.combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        row.combo->setMinimumContentsLength(6);
        row.combo->installEventFilter(actions.wheelFilter);
        for (const std::string &value : row.spec().values)
            row.combo->addItem(choiceText(row.spec().type, value), QString::fromStdString(value));
        row.editor = row.combo;
        QObject::connect(row.combo, &QComboBox::currentIndexChanged, actions.context,
                         [commit = actions.commit, target] { commit(*target); });
        break;
    case PropertyType::Int:
        row.spin = new QSpinBox(field);
        row.spin->setFocusPolicy(Qt::StrongFocus);
        row.spin->setKeyboardTracking(false);
        row.spin->installEventFilter(actions.wheelFilter);
        row.editor = row.spin;
        QObject::connect(row.spin, &QSpinBox::valueChanged, actions.context,
                         [commit = actions.commit, target] { commit(*target); });
        break;
    case PropertyType::String:
    case PropertyType::StringList:
        row.line = new QLineEdit(field);
        row.editor = row.line;
        // Escape shows the value as it applies again.
        FieldBinding::bind(
            row.line, [commit = actions.commit, target] { commit(*target); },
            [revert = actions.revert, target] { revert(*target); });
        break;
    }
}

} // namespace

QWidget *createPropertyField(PropertyRow &row, const PropertyRowActions &actions, QWidget *parent)
{
    auto *field = new QWidget(parent);
    auto *layout = new QHBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const QString objectName = QString::fromStdString(row.name());
    PropertyRow *target = &row;

    if (!row.inCatalog()) {
        row.line = new QLineEdit(field);
        row.line->setReadOnly(true);
        row.editor = row.line;
    } else {
        createValueEditor(row, actions, field);
    }
    row.editor->setObjectName(objectName);
    row.label->setBuddy(row.editor);
    if (row.check) {
        layout->addWidget(row.check);
        layout->addStretch(1);
    } else {
        layout->addWidget(row.editor, 1);
    }

    if (row.inCatalog() && row.spec().type == PropertyType::StringList) {
        auto *edit = new QToolButton(field);
        edit->setObjectName(QStringLiteral("edit:") + objectName);
        edit->setText(QStringLiteral("\u2026"));
        edit->setToolTip(PropertyEditor::tr("Edit the list, one entry per row"));
        QObject::connect(edit, &QToolButton::clicked, actions.context,
                         [editList = actions.editList, target] { editList(*target); });
        layout->addWidget(edit);
    }

    if (row.inCatalog()) {
        row.reset = new QToolButton(field);
        row.reset->setObjectName(QStringLiteral("reset:") + objectName);
        row.reset->setText(QStringLiteral("\u21BA"));
        row.reset->setAutoRaise(true);
        QSizePolicy policy = row.reset->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        row.reset->setSizePolicy(policy);
        QObject::connect(row.reset, &QToolButton::clicked, actions.context,
                         [reset = actions.reset, target] { reset(*target); });
        layout->addWidget(row.reset);
    }
    return field;
}

void showRowLabel(PropertyRow &row, const SheetRowState &state, qsizetype selectionSize)
{
    const bool isDefault = state.showsDefault(row.property);
    QFont labelFont = row.label->font();
    labelFont.setItalic(isDefault);
    row.label->setFont(labelFont);
    row.label->setForegroundRole(isDefault ? QPalette::PlaceholderText : QPalette::WindowText);

    const QString tip = propertyToolTip(row.property, state, selectionSize);
    row.label->setToolTip(tip);
    row.editor->setToolTip(tip);
    if (row.reset) {
        row.reset->setVisible(state.anyExplicit);
        row.reset->setToolTip(selectionSize > 1
                                  ? PropertyEditor::tr("Reset all selected items to the default")
                                  : PropertyEditor::tr("Reset to the default"));
    }
}

void showCheck(PropertyRow &row, const SheetRowState &state, const QString &specialText)
{
    const QSignalBlocker blocker(row.check);
    const auto *b = state.value ? std::get_if<bool>(&*state.value) : nullptr;
    if (b) {
        row.check->setTristate(false);
        row.check->setCheckState(*b ? Qt::Checked : Qt::Unchecked);
    } else {
        // Clicking a partly checked box checks it, which sets true on every item.
        row.check->setTristate(true);
        row.check->setCheckState(Qt::PartiallyChecked);
    }
    row.check->setText(specialText);
}

void showCombo(PropertyRow &row, const SheetRowState &state, const QString &specialText)
{
    const QSignalBlocker blocker(row.combo);
    const bool needSpecial = state.mixed || !state.problem.empty() || !state.value;
    if (needSpecial && !row.special)
        row.combo->insertItem(0, specialText);
    else if (!needSpecial && row.special)
        row.combo->removeItem(0);
    row.special = needSpecial;
    if (needSpecial) {
        row.combo->setItemText(0, specialText);
        row.combo->setCurrentIndex(0);
    } else {
        const auto &text = std::get<std::string>(*state.value);
        row.combo->setCurrentIndex(row.combo->findData(QString::fromStdString(text)));
    }
}

void showSpin(PropertyRow &row, const SheetRowState &state, const QString &specialText, bool force)
{
    // The spin box is not to overwrite a number the user is typing.
    const bool typing = row.spin->hasFocus() && row.spin->text() != row.shownText;
    if (typing && !force)
        return;
    const QSignalBlocker blocker(row.spin);
    const PropertySpec &spec = row.spec();
    std::int64_t lo = spec.minimum.value_or(0);
    std::int64_t hi = spec.maximum.value_or(std::max(lo, defaultIntMaximum));
    if (!spec.minimum && spec.maximum)
        lo = std::min<std::int64_t>(0, hi);
    const bool valid = state.value && state.problem.empty();
    const auto *number = valid ? std::get_if<std::int64_t>(&*state.value) : nullptr;
    if (number)
        hi = std::max(hi, *number);
    lo = std::clamp<std::int64_t>(lo, INT_MIN + 1, INT_MAX);
    hi = std::clamp<std::int64_t>(hi, lo, INT_MAX);
    row.special = number == nullptr;
    if (row.special) {
        // One below the minimum stands for "mixed"; stepping up or typing picks a value.
        row.spin->setRange(int(lo) - 1, int(hi));
        row.spin->setSpecialValueText(specialText.isEmpty() ? PropertyEditor::tr("(mixed)")
                                                            : specialText);
        row.spin->setValue(int(lo) - 1);
    } else {
        row.spin->setSpecialValueText(QString());
        row.spin->setRange(int(lo), int(hi));
        row.spin->setValue(int(*number));
    }
    row.shownText = row.spin->text();
}

void showLine(PropertyRow &row, const SheetRowState &state, bool force)
{
    if (row.line->hasFocus() && row.line->isModified() && !force)
        return;
    QString text;
    QString placeholder;
    const bool isList = row.spec().type == PropertyType::StringList;
    if (state.mixed) {
        placeholder = PropertyEditor::tr("(mixed)");
    } else if (state.value) {
        if (const auto *s = std::get_if<std::string>(&*state.value); s && !isList)
            text = QString::fromStdString(*s);
        else if (const auto *list = std::get_if<StringList>(&*state.value); list && isList)
            text = joinList(*list);
        else
            text = QString::fromStdString(propertyValueToDisplayString(*state.value));
    } else if (!row.inCatalog()) {
        placeholder = PropertyEditor::tr("(not set)");
    }
    // While the default applies, an empty default reads as empty and any other as a hint.
    if (state.showsDefault(row.property) && !state.mixed && state.value) {
        if (!isEmptyValue(*state.value))
            placeholder = text;
        text.clear();
    }
    const QSignalBlocker blocker(row.line);
    if (row.line->text() != text || force) {
        row.line->setText(text);
        if (!row.line->hasFocus())
            row.line->setCursorPosition(0); // show the start of a long value
    }
    row.line->setModified(false);
    row.line->setPlaceholderText(placeholder);
    row.shownText = text;
}

} // namespace bulkhead
