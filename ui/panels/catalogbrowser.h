#pragma once

#include <QDialog>
#include <QHash>
#include <QString>
#include <QStringList>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QUrl;

namespace bulkhead {

class Catalog;

/**
 * Browses the catalog the document uses: its threats (id, STRIDE, scope, kinds, title) and its
 * mitigations (id, layer, title), filtered by a search field over ids, titles, descriptions and
 * rule text. Selecting an entry shows everything the catalog says about it: the rule in a
 * monospace box, likelihood and impact, the linked mitigations and threats (as links between the
 * tabs), references with their addresses, and where the entry came from.
 *
 * Reads the catalog only; works shown non-modally. The catalog must outlive the dialog.
 */
class CatalogBrowser : public QDialog
{
    Q_OBJECT

public:
    explicit CatalogBrowser(const Catalog &catalog, QWidget *parent = nullptr);
    ~CatalogBrowser() override;

    /** Shows only entries whose text contains every word of the filter (case-insensitive). */
    void setFilterText(const QString &text);
    QString filterText() const;

    /** Ids listed after filtering, in the order shown. */
    QStringList visibleThreatIds() const;
    QStringList visibleMitigationIds() const;

    /** Switches to the entry's tab and selects it (clearing a filter that hides it). */
    bool selectThreat(const QString &id);
    bool selectMitigation(const QString &id);

    /** The details pane of each tab, as plain text. */
    QString threatDetailsText() const;
    QString mitigationDetailsText() const;

    QLineEdit *searchField() const { return m_search; }
    QTabWidget *tabs() const { return m_tabs; }
    QTableView *threatTable() const { return m_threatTable; }
    QTableView *mitigationTable() const { return m_mitigationTable; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillThreats();
    void fillMitigations();
    void applyFilter();
    void updateTabTitles();
    void showThreat(const QModelIndex &proxyIndex);
    void showMitigation(const QModelIndex &proxyIndex);
    void onAnchorClicked(const QUrl &url);
    QString boxHtml(const QString &code) const;

    const Catalog &m_catalog;
    /** Threat ids that link each mitigation, in catalog order. */
    QHash<QString, QStringList> m_linkedBy;

    QLineEdit *m_search;
    QTabWidget *m_tabs;
    QStandardItemModel *m_threatModel;
    QStandardItemModel *m_mitigationModel;
    QSortFilterProxyModel *m_threatProxy;
    QSortFilterProxyModel *m_mitigationProxy;
    QTableView *m_threatTable;
    QTableView *m_mitigationTable;
    QTextBrowser *m_threatDetails;
    QTextBrowser *m_mitigationDetails;
    QString m_shownThreat;
    QString m_shownMitigation;
};

} // namespace bulkhead
