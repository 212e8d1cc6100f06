#include "propertyeditor.h"

#include "catalog/catalog.h"
#include "commands/deploymentcommand.h"
#include "commands/renameitemcommand.h"
#include "commands/setflowdirectioncommand.h"
#include "commands/setflowinitiatorcommand.h"
#include "document.h"
#include "fieldbinding.h"
#include "propertygrouping.h"
#include "propertysection.h"
#include "propertytext.h"
#include "roleoffer.h"
#include "stringlistdialog.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace bulkhead {

namespace {

constexpr int minimumPanelWidth = 280;
/** Below this width beside the widest label, every row puts its field under its label. */
constexpr int minimumFieldWidth = 140;
/** A registry image reference of ordinary length, which the dock should show whole. */
constexpr const char *typicalImageReference = "registry.example.com/storefront/catalog-api:2.14.3";

} // namespace

PropertyEditor::PropertyEditor(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setMinimumWidth(minimumPanelWidth);

    m_header = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(m_header);
    headerLayout->setContentsMargins(8, 8, 8, 4);
    headerLayout->setSpacing(4);

    m_titleLabel = new QLabel(m_header);
    m_titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    headerLayout->addWidget(m_titleLabel);

    m_nameEdit = new QLineEdit(m_header);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setPlaceholderText(tr("Name"));
    m_nameEdit->setToolTip(tr("The name shown on the diagram and in reports"));
    FieldBinding::bind(
        m_nameEdit, [this] { commitName(); }, [this] { revertName(); });
    headerLayout->addWidget(m_nameEdit);

    m_kindLabel = new QLabel(m_header);
    m_kindLabel->setObjectName(QStringLiteral("kindLabel"));
    m_kindLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kindLabel->setWordWrap(true);
    headerLayout->addWidget(m_kindLabel);

    m_endsLabel = new QLabel(m_header);
    m_endsLabel->setObjectName(QStringLiteral("endsLabel"));
    m_endsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endsLabel->setWordWrap(true);
    headerLayout->addWidget(m_endsLabel);

    m_twoWay = new QCheckBox(tr("Two-way"), m_header);
    m_twoWay->setObjectName(QStringLiteral("twoWayCheck"));
    m_twoWay->setToolTip(tr("Data flows in both directions"));
    connect(m_twoWay, &QCheckBox::clicked, this, &PropertyEditor::commitTwoWay);
    headerLayout->addWidget(m_twoWay, 0, Qt::AlignLeft);

    m_initiator = new QComboBox(m_header);
    m_initiator->setObjectName(QStringLiteral("initiatorCombo"));
    m_initiator->setToolTip(tr("Who opens the connection, whichever way the data moves: exposure "
                               "to the internet follows connections"));
    connect(m_initiator, &QComboBox::activated, this, &PropertyEditor::commitInitiator);
    headerLayout->addWidget(m_initiator, 0, Qt::AlignLeft);

    auto *separator = new QFrame(m_header);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    headerLayout->addSpacing(2);
    headerLayout->addWidget(separator);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("propertySearch"));
    m_search->setPlaceholderText(tr("Filter properties"));
    m_search->setToolTip(tr("Show only the properties whose label or key contains this text"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &PropertyEditor::applyFilter);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("propertyScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(8, 2, 8, 2);
    searchRow->addWidget(m_search);
    layout->addLayout(searchRow);
    layout->addWidget(m_scroll, 1);

    connect(m_document, &Document::itemChanged, this,
            [this](const QString &id) { onItemChanged(id); });
    connect(m_document, &Document::itemRemoved, this,
            [this](const QString &id) { onItemRemoved(id); });
    connect(m_document, &Document::modelReset, this, &PropertyEditor::onModelReset);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (m_syncPending)
            sync(false);
    });

    sync(true);
}

PropertyEditor::~PropertyEditor()
{
    // No commits while the fields go away.
    FieldBinding::releaseAll(this);
}

void PropertyEditor::setSelection(const QStringList &ids)
{
    commitPendingEdits();
    QStringList existing;
    for (const QString &id : ids) {
        if (!existing.contains(id) && m_document->typeOf(id) != ItemType::None)
            existing.append(id);
    }
    m_ids = existing;
    sync(true);
}

void PropertyEditor::commitPendingEdits()
{
    if (FieldBinding::commitFocused(this))
        return;
    const QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return;
    for (const auto &row : m_rows) {
        if (row->spin && (row->spin == focus || row->spin->isAncestorOf(focus))) {
            row->spin->interpretText();
            return;
        }
    }
}

QWidget *PropertyEditor::editorFor(const QString &propertyName) const
{
    const Row *row = rowFor(propertyName);
    return row ? row->editor : nullptr;
}

QList<PropertySection *> PropertyEditor::sections() const
{
    return {m_sections.begin(), m_sections.end()};
}

QSize PropertyEditor::sizeHint() const
{
    // A dock takes its first width from here: the widest label the catalog is likely to hold
    // beside a field for a registry path with a tag.
    const QFontMetrics metrics = fontMetrics();
    const int label = metrics.horizontalAdvance(tr("Allow privilege escalation"));
    const int field = metrics.horizontalAdvance(QLatin1String(typicalImageReference));
    // Margins of the form and its sections, the line edit's frame, the reset button, a scroll bar.
    const int scrollBar = m_scroll ? m_scroll->verticalScrollBar()->sizeHint().width() : 16;
    const int chrome = 8 + 12 + 8 + 12 + 2 * 24 + scrollBar;
    return {std::max(minimumPanelWidth, label + field + chrome), QWidget::sizeHint().height()};
}

PropertyEditor::Row *PropertyEditor::rowFor(const QString &propertyName) const
{
    const std::string name = propertyName.toStdString();
    for (const auto &row : m_rows) {
        if (row->name() == name)
            return row.get();
    }
    return nullptr;
}

bool PropertyEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Scrolling the form must not change a combo or spin box that happens to pass under the
    // pointer: unless it has the focus, the wheel scrolls the form instead.
    if (event->type() == QEvent::Wheel) {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && !widget->hasFocus()
            && (qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget))) {
            QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PropertyEditor::onItemChanged(const QString &id)
{
    bool relevant = m_ids.contains(id);
    if (!relevant && m_ids.size() == 1) {
        // A renamed end of the selected flow.
        if (const Flow *flow = m_document->model().findFlow(m_ids.first().toStdString())) {
            const std::string key = id.toStdString();
            relevant = flow->source == key || flow->target == key;
        }
    }
    if (relevant)
        scheduleSync();
}

void PropertyEditor::onItemRemoved(const QString &id)
{
    if (m_ids.removeAll(id) > 0)
        scheduleSync();
}

void PropertyEditor::scheduleSync()
{
    // A command on many items reports each one; the form catches up once, when the command is
    // done (the undo stack's index changes), or soon after a change made outside the stack.
    if (m_syncPending)
        return;
    m_syncPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_syncPending)
                sync(false);
        },
        Qt::QueuedConnection);
}

void PropertyEditor::onModelReset()
{
    QStringList existing;
    for (const QString &id : std::as_const(m_ids)) {
        if (m_document->typeOf(id) != ItemType::None)
            existing.append(id);
    }
    m_ids = existing;
    m_shape.clear();
    sync(true);
}

PropertySheet PropertyEditor::currentSheet() const
{
    std::vector<std::string> ids;
    ids.reserve(std::size_t(m_ids.size()));
    for (const QString &id : m_ids)
        ids.push_back(id.toStdString());
    return PropertySheet(m_document->catalog(), m_document->model(), ids);
}

void PropertyEditor::sync(bool forceValues)
{
    m_syncPending = false;
    const PropertySheet sheet = currentSheet();
    const QString shape = QString::fromStdString(sheet.shapeKey())
                          + roleOfferKey(m_document, m_ids);
    if (shape != m_shape) {
        m_shape = shape;
        rebuildForm(sheet);
        forceValues = true;
    }
    updateHeader(sheet, forceValues);
    for (const auto &row : m_rows)
        updateRow(*row, sheet, forceValues);
    updateWrapPolicy();
}

void PropertyEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateWrapPolicy();
}

void PropertyEditor::updateWrapPolicy()
{
    // All rows side by side while the fields get a useful width, else all stacked: mixing the
    // two (QFormLayout::WrapLongRows) makes a ragged form.
    if (m_sections.empty())
        return;
    int widest = 0;
    for (const auto &row : m_rows)
        widest = std::max(widest, row->label->sizeHint().width());
    const QMargins margins = m_content->contentsMargins()
                             + m_sections.front()->form()->contentsMargins();
    const int available = m_scroll->width() - m_scroll->verticalScrollBar()->sizeHint().width()
                          - margins.left() - margins.right();
    const int spacing = std::max(0, m_sections.front()->form()->horizontalSpacing());
    const auto policy = widest + spacing + minimumFieldWidth > available
                            ? QFormLayout::WrapAllRows
                            : QFormLayout::DontWrapRows;
    for (PropertySection *section : m_sections) {
        if (section->form()->rowWrapPolicy() != policy)
            section->form()->setRowWrapPolicy(policy);
    }
}

PropertySection *PropertyEditor::addSection(const QString &title)
{
    auto *section = new PropertySection(title);
    section->setCollapsed(m_collapsedSections.contains(title));
    connect(section, &PropertySection::collapsedChanged, this, [this, title](bool collapsed) {
        if (collapsed)
            m_collapsedSections.insert(title);
        else
            m_collapsedSections.remove(title);
    });
    m_content->addWidget(section);
    m_sections.push_back(section);
    return section;
}

void PropertyEditor::applyFilter()
{
    const QString text = m_search->text();
    for (PropertySection *section : m_sections)
        section->setVisible(section->setFilter(text) > 0 || text.trimmed().isEmpty());
}

void PropertyEditor::discardForm()
{
    if (QWidget *old = m_scroll->takeWidget()) {
        // The old editors may still report a focus-out while they are being deleted.
        FieldBinding::releaseAll(old);
        for (QObject *child : old->findChildren<QObject *>())
            child->disconnect(this);
        old->hide();
        old->deleteLater();
    }
    m_rows.clear();
    m_sections.clear();
    m_content = nullptr;
}

void PropertyEditor::rebuildForm(const PropertySheet &sheet)
{
    discardForm();
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("propertyForm"));
    m_content = new QVBoxLayout(content);
    m_content->setContentsMargins(8, 4, 8, 8);
    m_content->setSpacing(2);
    m_search->setEnabled(!m_ids.isEmpty());

    auto addHint = [this, content](const QString &text) {
        auto *hint = new QLabel(text, content);
        hint->setWordWrap(true);
        hint->setForegroundRole(QPalette::PlaceholderText);
        m_content->addWidget(hint);
        return hint;
    };
    if (m_ids.isEmpty()) {
        addHint(tr("Select an element, boundary or flow to see and edit its properties."))
            ->setAlignment(Qt::AlignCenter);
    } else {
        if (QWidget *offer = makeRoleOffer(m_document, m_ids, content))
            m_content->addWidget(offer);
        addCatalogRows(sheet);
        addUncataloguedRows(sheet);
        if (m_rows.empty())
            addHint(m_ids.size() > 1 ? tr("The selected items share no properties.")
                                     : tr("This item has no properties."));
    }
    m_content->addStretch(1);
    m_scroll->setWidget(content);
    applyFilter();
}

void PropertyEditor::addCatalogRows(const PropertySheet &sheet)
{
    for (const PropertySectionPlan &plan : planPropertySections(sheet)) {
        PropertySection *section = addSection(plan.title);
        for (const SheetRow *property : plan.rows)
            addRow(section, *property);
    }
}

void PropertyEditor::addUncataloguedRows(const PropertySheet &sheet)
{
    // Whatever the files hold beyond the schema stays visible, read-only.
    const bool anyUnknown = std::any_of(sheet.rows().begin(), sheet.rows().end(),
                                        [](const SheetRow &row) { return !row.inCatalog(); });
    if (!anyUnknown && !sheet.hasUnknownKind())
        return;
    PropertySection *section = addSection(tr("Not in the catalog"));
    if (sheet.hasUnknownKind()) {
        auto *note = new QLabel(m_ids.size() == 1
                                    ? tr("The catalog does not know this kind; its properties "
                                         "are shown as stored.")
                                    : tr("The catalog does not know some of these kinds."));
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
        section->addNote(note);
    }
    for (const SheetRow &property : sheet.rows()) {
        if (!property.inCatalog())
            addRow(section, property);
    }
}

void PropertyEditor::addRow(PropertySection *section, const SheetRow &property)
{
    auto row = std::make_unique<Row>();
    row->property = property;
    row->label = new QLabel(QString::fromStdString(property.label));
    m_rows.push_back(std::move(row));
    Row &added = *m_rows.back();
    PropertyRowActions actions;
    actions.context = this;
    actions.wheelFilter = this;
    actions.commit = [this](Row &r) { commitValue(r); };
    actions.revert = [this](Row &r) { updateRow(r, true); };
    actions.reset = [this](Row &r) { resetRow(r); };
    actions.editList = [this](Row &r) { editList(r); };
    QWidget *field = createPropertyField(added, actions, section);
    section->addRow(added.label, field, QString::fromStdString(property.name));
}

void PropertyEditor::updateHeader(const PropertySheet &sheet, bool force)
{
    const int count = int(sheet.items().size());
    m_header->setVisible(count > 0);
    if (count == 0)
        return;

    if (count == 1) {
        const SheetItem &item = sheet.items().front();
        m_titleLabel->hide();
        m_nameEdit->show();
        const QString name = QString::fromStdString(item.name);
        // Keep what the user is typing; a selection change (force) always shows the new name.
        if (m_nameEdit->text() != name
            && (force || !m_nameEdit->hasFocus() || !m_nameEdit->isModified())) {
            const QSignalBlocker blocker(m_nameEdit);
            m_nameEdit->setText(name);
        }
        m_kindLabel->setText(
            tr("%1 \u00b7 %2").arg(itemKindName(item), QString::fromStdString(item.id)));
        m_kindLabel->setToolTip(tr("Kind and id"));
        updateFlowHeader(item);
        return;
    }

    m_nameEdit->hide();
    m_endsLabel->hide();
    m_twoWay->hide();
    m_initiator->hide();
    m_titleLabel->show();
    m_titleLabel->setText(tr("%n items", nullptr, count));
    std::map<QString, int> kinds;
    for (const SheetItem &item : sheet.items())
        ++kinds[itemKindName(item)];
    QStringList parts;
    for (const auto &[kind, n] : kinds)
        parts.append(n > 1 ? tr("%1 \u00d7%2").arg(kind).arg(n) : kind);
    m_kindLabel->setText(parts.join(QStringLiteral(", ")));
    QStringList shownIds = m_ids.mid(0, 20);
    if (m_ids.size() > shownIds.size())
        shownIds.append(QStringLiteral("\u2026"));
    m_kindLabel->setToolTip(shownIds.join(QStringLiteral(", ")));
}

void PropertyEditor::updateFlowHeader(const SheetItem &item)
{
    const Flow *flow = item.type == ItemKind::Flow ? m_document->model().findFlow(item.id)
                                                   : nullptr;
    m_endsLabel->setVisible(flow != nullptr);
    m_twoWay->setVisible(flow != nullptr);
    m_initiator->setVisible(flow != nullptr);
    if (!flow)
        return;
    auto endName = [this](const std::string &id) {
        if (const Element *e = m_document->model().findElement(id))
            return e->name.empty() ? QString::fromStdString(id) : QString::fromStdString(e->name);
        return tr("%1 (missing)").arg(QString::fromStdString(id));
    };
    m_endsLabel->setText(
        QStringLiteral("%1 %2 %3")
            .arg(endName(flow->source),
                 flow->bidirectional ? QStringLiteral("\u2194") : QStringLiteral("\u2192"),
                 endName(flow->target)));
    const QSignalBlocker blocker(m_twoWay);
    m_twoWay->setChecked(flow->bidirectional);
    const QSignalBlocker initiatorBlocker(m_initiator);
    m_initiator->clear();
    m_initiator->addItem(tr("Opened by %1 (source)").arg(endName(flow->source)));
    m_initiator->addItem(tr("Opened by %1 (target)").arg(endName(flow->target)));
    m_initiator->setCurrentIndex(flow->initiator == FlowInitiator::Target ? 1 : 0);
}

void PropertyEditor::updateRow(Row &row, bool force)
{
    updateRow(row, currentSheet(), force);
}

void PropertyEditor::updateRow(Row &row, const PropertySheet &sheet, bool force)
{
    const SheetRowState state = sheet.state(row.property);
    row.anyExplicit = state.anyExplicit;
    row.mixed = state.mixed;
    showRowLabel(row, state, m_ids.size());
    const QString specialText = specialValueText(row.property, state);
    if (row.check)
        showCheck(row, state, specialText);
    else if (row.combo)
        showCombo(row, state, specialText);
    else if (row.spin)
        showSpin(row, state, specialText, force);
    else if (row.line)
        showLine(row, state, force);
}

void PropertyEditor::commitValue(Row &row)
{
    if (!row.inCatalog() || m_ids.isEmpty())
        return;
    std::optional<PropertyValue> value;

    if (row.check) {
        if (row.check->checkState() == Qt::PartiallyChecked) {
            updateRow(row, true);
            return;
        }
        value = row.check->checkState() == Qt::Checked;
    } else if (row.combo) {
        const int index = row.combo->currentIndex();
        if (index < 0 || (row.special && index == 0)) {
            updateRow(row, true);
            return;
        }
        value = row.combo->itemData(index).toString().toStdString();
    } else if (row.spin) {
        if (row.special && row.spin->value() == row.spin->minimum())
            return;
        value = std::int64_t(row.spin->value());
    } else if (row.line && !typedValue(row, value)) {
        return;
    }
    apply(row, value);
}

bool PropertyEditor::typedValue(Row &row, std::optional<PropertyValue> &value)
{
    const QString text = row.line->text();
    const bool edited = row.line->isModified() && text != row.shownText;
    row.line->setModified(false);
    if (!edited)
        return false;
    const bool empty = text.trimmed().isEmpty();
    if (empty && !row.anyExplicit) {
        // Emptying a field that shows its default keeps the default.
        updateRow(row, true);
        return false;
    }
    if (row.spec().type == PropertyType::StringList)
        value = parseList(text);
    else
        value = text.toStdString();
    // Emptying a value whose default is empty anyway resets it.
    if (empty && currentSheet().defaultIsEmpty(row.name()))
        value.reset();
    return true;
}

void PropertyEditor::apply(Row &row, const std::optional<PropertyValue> &value)
{
    // One command for the whole selection, and none when nothing would change.
    if (currentSheet().wouldChange(row.name(), value))
        m_document->undoStack()->push(makePropertyCommand(m_document, m_ids, row.name(), value));
    updateRow(row, true);
}

void PropertyEditor::resetRow(Row &row)
{
    if (row.inCatalog() && !m_ids.isEmpty())
        apply(row, std::nullopt);
}

void PropertyEditor::editList(Row &row)
{
    if (!row.inCatalog() || m_ids.isEmpty())
        return;
    commitValue(row); // typed but not yet committed text first
    // Start from the list as it applies (stored or default); a mixed selection starts empty.
    StringList current;
    if (!row.mixed) {
        const std::optional<PropertyValue> value = currentSheet().effectiveValue(0, row.name());
        if (const auto *list = value ? std::get_if<StringList>(&*value) : nullptr)
            current = *list;
    }
    const std::optional<StringList> edited = editStringList(
        this, QString::fromStdString(row.property.fullLabel), current);
    if (!edited)
        return;
    if (edited->empty() && currentSheet().defaultIsEmpty(row.name()))
        apply(row, std::nullopt);
    else
        apply(row, PropertyValue(*edited));
}

void PropertyEditor::commitName()
{
    if (m_ids.size() != 1 || !m_nameEdit->isModified())
        return;
    m_nameEdit->setModified(false);
    const QString id = m_ids.first();
    const QString name = m_nameEdit->text();
    const PropertySheet sheet = currentSheet();
    const QString current = sheet.items().empty()
                                ? QString()
                                : QString::fromStdString(sheet.items().front().name);
    if (name.trimmed().isEmpty() || name == current) {
        // An item keeps a name; an emptied field goes back to it.
        const QSignalBlocker blocker(m_nameEdit);
        m_nameEdit->setText(current);
        return;
    }
    m_document->undoStack()->push(new RenameItemCommand(m_document, id, name));
}

void PropertyEditor::revertName()
{
    // Escape takes back what was typed.
    m_nameEdit->setModified(false);
    updateHeader(currentSheet(), true);
}

void PropertyEditor::commitTwoWay()
{
    if (m_ids.size() != 1)
        return;
    const QString id = m_ids.first();
    const Flow *flow = m_document->model().findFlow(id.toStdString());
    if (!flow)
        return;
    const bool twoWay = m_twoWay->isChecked();
    if (flow->bidirectional != twoWay)
        m_document->undoStack()->push(new SetFlowDirectionCommand(m_document, id, twoWay));
}

void PropertyEditor::commitInitiator()
{
    if (m_ids.size() != 1)
        return;
    const QString id = m_ids.first();
    const Flow *flow = m_document->model().findFlow(id.toStdString());
    const FlowInitiator chosen = m_initiator->currentIndex() == 1 ? FlowInitiator::Target
                                                                  : FlowInitiator::Source;
    if (flow && flow->initiator != chosen)
        m_document->undoStack()->push(new SetFlowInitiatorCommand(m_document, id, chosen));
}

} // namespace bulkhead
