#include "catalogbrowser.h"

#include "displaynames.h"
#include "analysis/analysis.h"
#include "catalog/catalog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace bulkhead {

namespace {

constexpr int IdRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;
constexpr int SortRole = Qt::UserRole + 3;

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString esc(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString strideWord(QChar letter)
{
    const QString name = strideNameOfLetter(letter);
    return name.isEmpty() ? QString(letter) : name;
}

QString kindList(const Catalog &catalog, const std::vector<std::string> &kinds)
{
    if (kinds.empty())
        return CatalogBrowser::tr("any");
    QStringList names;
    for (const std::string &kind : kinds) {
        const ElementKind *k = catalog.findKind(kind);
        names.append(k ? QString::fromStdString(k->displayName) : QString::fromStdString(kind));
    }
    return names.join(QStringLiteral(", "));
}

QString appliesTo(const Catalog &catalog, const ThreatRule &rule)
{
    switch (rule.scope) {
    case RuleScope::Element:
        return kindList(catalog, rule.appliesTo);
    case RuleScope::Flow:
        return CatalogBrowser::tr("%1 \u2192 %2")
            .arg(kindList(catalog, rule.sourceKinds), kindList(catalog, rule.targetKinds));
    case RuleScope::Model:
        return CatalogBrowser::tr("the whole model");
    }
    return QString();
}

QStandardItem *cell(const QString &text, const QString &id, const QVariant &sort = {})
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(id, IdRole);
    item->setData(sort.isValid() ? sort : QVariant(text.toLower()), SortRole);
    item->setToolTip(text);
    return item;
}

QString referencesHtml(const std::vector<Reference> &references)
{
    if (references.empty())
        return QString();
    QString html = QStringLiteral("<p><b>%1</b></p><ul>").arg(CatalogBrowser::tr("References"));
    for (const Reference &r : references) {
        const QString label = esc(referenceLabel(r));
        const std::string url = referenceUrl(r);
        if (url.empty())
            html += QStringLiteral("<li>%1</li>").arg(label);
        else
            html += QStringLiteral("<li><a href=\"%1\">%2</a></li>").arg(esc(url), label);
    }
    return html + QStringLiteral("</ul>");
}

/** Links take the browser's own palette (the HTML importer would use the application's). */
void setDetailsHtml(QTextBrowser *browser, const QString &html)
{
    browser->document()->setDefaultStyleSheet(
        QStringLiteral("a { color: %1; }").arg(browser->palette().color(QPalette::Link).name()));
    browser->setHtml(html);
}

void setupTable(QTableView *table, QSortFilterProxyModel *proxy)
{
    table->setModel(proxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setWordWrap(false);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
}

} // namespace

CatalogBrowser::CatalogBrowser(const Catalog &catalog, QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_search(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_threatModel(new QStandardItemModel(this))
    , m_mitigationModel(new QStandardItemModel(this))
    , m_threatProxy(new QSortFilterProxyModel(this))
    , m_mitigationProxy(new QSortFilterProxyModel(this))
    , m_threatTable(new QTableView(this))
    , m_mitigationTable(new QTableView(this))
    , m_threatDetails(new QTextBrowser(this))
    , m_mitigationDetails(new QTextBrowser(this))
{
    setWindowTitle(tr("Threat catalog"));
    m_search->setPlaceholderText(tr("Search ids, titles, descriptions and rules"));
    m_search->setClearButtonEnabled(true);

    for (const ThreatRule &rule : m_catalog.threats())
        for (const MitigationLink &link : rule.mitigations)
            m_linkedBy[QString::fromStdString(link.id)].append(QString::fromStdString(rule.id));

    for (auto [model, proxy] : {std::pair{m_threatModel, m_threatProxy},
                                std::pair{m_mitigationModel, m_mitigationProxy}}) {
        proxy->setSourceModel(model);
        proxy->setSortRole(SortRole);
        proxy->setFilterRole(SearchRole);
        proxy->setFilterKeyColumn(0);
    }
    fillThreats();
    fillMitigations();
    setupTable(m_threatTable, m_threatProxy);
    setupTable(m_mitigationTable, m_mitigationProxy);
    m_threatTable->setColumnWidth(0,
                                  fontMetrics().horizontalAdvance(QStringLiteral("NET-000")) + 24);
    m_threatTable->setColumnWidth(1,
                                  fontMetrics().horizontalAdvance(QStringLiteral("STRIDE")) + 20);
    m_threatTable->setColumnWidth(2,
                                  fontMetrics().horizontalAdvance(QStringLiteral("element")) + 20);
    m_threatTable->setColumnWidth(
        3, fontMetrics().horizontalAdvance(QStringLiteral("Container, Pod")) + 20);
    m_mitigationTable->setColumnWidth(
        0,
        fontMetrics().horizontalAdvance(QStringLiteral("M-HOST-SEPARATE-CONTAINER-STORAGE")) + 20);
    int layerWidth = 0;
    for (const DefenseLayer layer : allDefenseLayers)
        layerWidth = std::max(layerWidth,
                              fontMetrics().horizontalAdvance(qs(defenseLayerTitle(layer))));
    m_mitigationTable->setColumnWidth(1, layerWidth + 20);

    for (QTextBrowser *details : {m_threatDetails, m_mitigationDetails}) {
        details->setOpenLinks(false);
        details->installEventFilter(this);
        details->setMinimumWidth(280);
        connect(details, &QTextBrowser::anchorClicked, this, &CatalogBrowser::onAnchorClicked);
    }
    auto addTab = [this](QTableView *table, QTextBrowser *details) {
        auto *splitter = new QSplitter(Qt::Horizontal, m_tabs);
        splitter->addWidget(table);
        splitter->addWidget(details);
        splitter->setStretchFactor(0, 3);
        splitter->setStretchFactor(1, 2);
        splitter->setChildrenCollapsible(false);
        m_tabs->addTab(splitter, QString());
    };
    addTab(m_threatTable, m_threatDetails);
    addTab(m_mitigationTable, m_mitigationDetails);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(1100, 680);

    connect(m_search, &QLineEdit::textChanged, this, &CatalogBrowser::applyFilter);
    connect(m_threatTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showThreat(current); });
    connect(m_mitigationTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showMitigation(current); });
    updateTabTitles();
    showThreat({});
    showMitigation({});
}

CatalogBrowser::~CatalogBrowser() = default;

void CatalogBrowser::fillThreats()
{
    m_threatModel->setHorizontalHeaderLabels(
        {tr("ID"), tr("STRIDE"), tr("Scope"), tr("Applies to"), tr("Title")});
    int order = 0;
    for (const ThreatRule &rule : m_catalog.threats()) {
        const QString id = QString::fromStdString(rule.id);
        QStringList search{id,
                           QString::fromStdString(rule.title),
                           QString::fromStdString(rule.description),
                           QString::fromStdString(rule.stride),
                           qs(ruleScopeKey(rule.scope)),
                           appliesTo(m_catalog, rule),
                           QString::fromStdString(rule.when)};
        for (const MitigationLink &link : rule.mitigations)
            search << QString::fromStdString(link.id);
        for (const Reference &r : rule.references)
            search << QString::fromStdString(referenceLabel(r));
        for (const std::string &s : rule.sourceRefs)
            search << QString::fromStdString(s);
        QList<QStandardItem *> row{
            cell(id, id, order++),
            cell(QString::fromStdString(rule.stride), id),
            cell(qs(ruleScopeKey(rule.scope)), id),
            cell(appliesTo(m_catalog, rule), id),
            cell(QString::fromStdString(rule.title), id),
        };
        row.front()->setData(search.join(QLatin1Char('\n')), SearchRole);
        m_threatModel->appendRow(row);
    }
}

void CatalogBrowser::fillMitigations()
{
    m_mitigationModel->setHorizontalHeaderLabels({tr("ID"), tr("Layer"), tr("Title")});
    int order = 0;
    for (const Mitigation &m : m_catalog.mitigations()) {
        const QString id = QString::fromStdString(m.id);
        const QString layer = qs(defenseLayerTitle(m.layer));
        QStringList search{
            id,    QString::fromStdString(m.title), QString::fromStdString(m.description),
            layer, qs(defenseLayerKey(m.layer)),    QString::fromStdString(m.implementedWhen)};
        for (const Reference &r : m.references)
            search << QString::fromStdString(referenceLabel(r));
        const int layerIndex = int(std::distance(
            std::begin(allDefenseLayers),
            std::find(std::begin(allDefenseLayers), std::end(allDefenseLayers), m.layer)));
        QList<QStandardItem *> row{
            cell(id, id, order),
            cell(layer, id, layerIndex * 10000 + order),
            cell(QString::fromStdString(m.title), id),
        };
        ++order;
        row.front()->setData(search.join(QLatin1Char('\n')), SearchRole);
        m_mitigationModel->appendRow(row);
    }
}

void CatalogBrowser::setFilterText(const QString &text)
{
    m_search->setText(text); // applyFilter follows textChanged
    applyFilter();
}

QString CatalogBrowser::filterText() const
{
    return m_search->text();
}

void CatalogBrowser::applyFilter()
{
    // Every word must occur somewhere in the entry, in any order.
    QString pattern = QStringLiteral("^");
    const QStringList words = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words)
        pattern += QStringLiteral("(?=[\\s\\S]*") + QRegularExpression::escape(word)
                   + QStringLiteral(")");
    const QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
    m_threatProxy->setFilterRegularExpression(expression);
    m_mitigationProxy->setFilterRegularExpression(expression);
    updateTabTitles();
    // The details follow the selection; with the selected row filtered out they clear.
    showThreat(m_threatTable->currentIndex());
    showMitigation(m_mitigationTable->currentIndex());
}

void CatalogBrowser::updateTabTitles()
{
    const bool filtered = !m_search->text().trimmed().isEmpty();
    auto title = [filtered](const QString &name, int shown, int total) {
        return filtered ? tr("%1 (%2 of %3)").arg(name).arg(shown).arg(total)
                        : tr("%1 (%2)").arg(name).arg(total);
    };
    m_tabs->setTabText(0,
                       title(tr("Threats"), m_threatProxy->rowCount(), m_threatModel->rowCount()));
    m_tabs->setTabText(
        1, title(tr("Mitigations"), m_mitigationProxy->rowCount(), m_mitigationModel->rowCount()));
}

QStringList CatalogBrowser::visibleThreatIds() const
{
    QStringList ids;
    for (int r = 0; r < m_threatProxy->rowCount(); ++r)
        ids.append(m_threatProxy->index(r, 0).data(IdRole).toString());
    return ids;
}

QStringList CatalogBrowser::visibleMitigationIds() const
{
    QStringList ids;
    for (int r = 0; r < m_mitigationProxy->rowCount(); ++r)
        ids.append(m_mitigationProxy->index(r, 0).data(IdRole).toString());
    return ids;
}

namespace {

bool selectId(QTableView *table, QSortFilterProxyModel *proxy, const QString &id)
{
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QModelIndex index = proxy->index(r, 0);
        if (index.data(IdRole).toString() == id) {
            table->setCurrentIndex(index);
            table->scrollTo(index);
            return true;
        }
    }
    return false;
}

} // namespace

bool CatalogBrowser::selectThreat(const QString &id)
{
    if (!m_catalog.findThreat(id.toStdString()))
        return false;
    if (!visibleThreatIds().contains(id))
        m_search->clear();
    m_tabs->setCurrentIndex(0);
    return selectId(m_threatTable, m_threatProxy, id);
}

bool CatalogBrowser::selectMitigation(const QString &id)
{
    if (!m_catalog.findMitigation(id.toStdString()))
        return false;
    if (!visibleMitigationIds().contains(id))
        m_search->clear();
    m_tabs->setCurrentIndex(1);
    return selectId(m_mitigationTable, m_mitigationProxy, id);
}

QString CatalogBrowser::threatDetailsText() const
{
    return m_threatDetails->toPlainText();
}

QString CatalogBrowser::mitigationDetailsText() const
{
    return m_mitigationDetails->toPlainText();
}

QString CatalogBrowser::boxHtml(const QString &code) const
{
    const QPalette pal = m_threatDetails->palette();
    const QString family = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" border=\"1\" "
                          "style=\"border-color: %1; border-style: solid;\" bgcolor=\"%2\"><tr>"
                          "<td style=\"font-family: '%3'; white-space: pre-wrap; color: %4;\">%5"
                          "</td></tr></table>")
        .arg(pal.color(QPalette::Mid).name(), pal.color(QPalette::AlternateBase).name(),
             family.toHtmlEscaped(), pal.color(QPalette::Text).name(), code.toHtmlEscaped());
}

void CatalogBrowser::showThreat(const QModelIndex &proxyIndex)
{
    const QString id = proxyIndex.isValid() ? proxyIndex.data(IdRole).toString() : QString();
    const ThreatRule *rule = id.isEmpty() ? nullptr : m_catalog.findThreat(id.toStdString());
    m_shownThreat = rule ? id : QString();
    if (!rule) {
        setDetailsHtml(m_threatDetails,
                       QStringLiteral("<p>%1</p>")
                           .arg(tr("Select a threat to see its rule, mitigations and "
                                   "references.")
                                    .toHtmlEscaped()));
        return;
    }
    QString html = QStringLiteral("<h3>%1 \u2014 %2</h3>").arg(esc(rule->id), esc(rule->title));
    html += QStringLiteral("<p>%1</p>").arg(esc(rule->description));
    QStringList letters;
    for (const char c : rule->stride)
        letters.append(strideWord(QLatin1Char(c)));
    html += QStringLiteral("<p><b>%1</b> %2 (%3)<br><b>%4</b> %5 \u2014 %6</p>")
                .arg(tr("STRIDE:"), esc(rule->stride),
                     letters.join(QStringLiteral(", ")).toHtmlEscaped(), tr("Scope:"),
                     qs(ruleScopeKey(rule->scope)), appliesTo(m_catalog, *rule).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2 &nbsp; <b>%3</b> %4 &nbsp; <b>%5</b> %6</p>")
                .arg(tr("Likelihood:"))
                .arg(rule->likelihood)
                .arg(tr("Impact:"))
                .arg(rule->impact)
                .arg(tr("Catalog severity:"),
                     severityName(severityFor(rule->likelihood, rule->impact)));
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Fires when"));
    html += boxHtml(QString::fromStdString(rule->when));
    if (!rule->mitigations.empty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Mitigations"));
        for (const MitigationLink &link : rule->mitigations) {
            const Mitigation *m = link.mitigation ? link.mitigation
                                                  : m_catalog.findMitigation(link.id);
            html += QStringLiteral("<li><a href=\"mitigation:%1\">%2</a>")
                        .arg(esc(link.id), m ? esc(m->title) : esc(link.id));
            if (m)
                html += QStringLiteral(" \u2014 %1")
                            .arg(qs(defenseLayerTitle(m->layer)).toHtmlEscaped());
            if (!link.implementedWhenOverride.empty())
                html += QStringLiteral("<br>%1 <code>%2</code>")
                            .arg(tr("implemented here when"), esc(link.implementedWhenOverride));
            html += QStringLiteral("</li>");
        }
        html += QStringLiteral("</ul>");
    }
    html += referencesHtml(rule->references);
    QStringList sources;
    for (const std::string &s : rule->sourceRefs)
        sources.append(QString::fromStdString(s));
    if (!sources.isEmpty() || !rule->sourceFile.empty()) {
        html += QStringLiteral("<p><b>%1</b> ").arg(tr("Sources:"));
        if (!sources.isEmpty())
            html += sources.join(QStringLiteral(", ")).toHtmlEscaped();
        if (!rule->sourceFile.empty())
            html += (sources.isEmpty() ? QString() : QStringLiteral("<br>"))
                    + tr("defined in %1").arg(esc(rule->sourceFile));
        html += QStringLiteral("</p>");
    }
    setDetailsHtml(m_threatDetails, html);
}

void CatalogBrowser::showMitigation(const QModelIndex &proxyIndex)
{
    const QString id = proxyIndex.isValid() ? proxyIndex.data(IdRole).toString() : QString();
    const Mitigation *m = id.isEmpty() ? nullptr : m_catalog.findMitigation(id.toStdString());
    m_shownMitigation = m ? id : QString();
    if (!m) {
        setDetailsHtml(
            m_mitigationDetails,
            QStringLiteral("<p>%1</p>")
                .arg(tr("Select a mitigation to see its check and the threats it counters.")
                         .toHtmlEscaped()));
        return;
    }
    QString html = QStringLiteral("<h3>%1 \u2014 %2</h3>").arg(esc(m->id), esc(m->title));
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Layer:"), qs(defenseLayerTitle(m->layer)).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(esc(m->description));
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Implemented when"));
    if (m->implementedWhen.empty())
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("No property of the model expresses this control; the reviewer "
                            "records it in the register.")
                             .toHtmlEscaped());
    else
        html += boxHtml(QString::fromStdString(m->implementedWhen));
    const QStringList threats = m_linkedBy.value(id);
    if (!threats.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>")
                    .arg(tr("Counters %n threat(s)", nullptr, int(threats.size())));
        for (const QString &threatId : threats) {
            const ThreatRule *rule = m_catalog.findThreat(threatId.toStdString());
            html += QStringLiteral("<li><a href=\"threat:%1\">%1</a> %2</li>")
                        .arg(threatId.toHtmlEscaped(), rule ? esc(rule->title) : QString());
        }
        html += QStringLiteral("</ul>");
    }
    html += referencesHtml(m->references);
    if (!m->sourceFile.empty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Defined in:"), esc(m->sourceFile));
    setDetailsHtml(m_mitigationDetails, html);
}

void CatalogBrowser::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() == QLatin1String("mitigation"))
        selectMitigation(url.path());
    else if (url.scheme() == QLatin1String("threat"))
        selectThreat(url.path());
    else if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
        QDesktopServices::openUrl(
            url); // a catalog is untrusted: never hand it file: or other schemes
}

bool CatalogBrowser::eventFilter(QObject *watched, QEvent *event)
{
    // Code boxes and links take their colours from the palette when the text is set; the
    // browsers get a new palette after the dialog, so they re-render on their own change.
    if (event->type() == QEvent::PaletteChange) {
        if (watched == m_threatDetails)
            showThreat(m_threatTable->currentIndex());
        else if (watched == m_mitigationDetails)
            showMitigation(m_mitigationTable->currentIndex());
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace bulkhead
