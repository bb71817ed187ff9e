package br.com.recebiveishub.hub.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.envers.Audited;

/** A client company whose receivables the BPO runs. Its id is a short slug used in paths. */
@Entity
@Table(name = "tenant")
@Audited
public class Tenant {

    @Id
    private String id;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String documento;
    @Column(name = "default_term_days", nullable = false)
    private int defaultTermDays;
    private String logradouro;
    private String numero;
    private String complemento;
    private String bairro;
    private String municipio;
    private String uf;
    private String cep;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(String id, String name, String documento, int defaultTermDays) {
        this.id = id;
        this.name = name;
        this.documento = documento;
        this.defaultTermDays = defaultTermDays;
        this.createdAt = Instant.now();
    }

    /** Sets the creditor address printed on collection documents (CDC Art. 42-A). */
    public void setEndereco(br.com.recebiveishub.sdk.model.Endereco e) {
        this.logradouro = e == null ? null : e.logradouro();
        this.numero = e == null ? null : e.numero();
        this.complemento = e == null ? null : e.complemento();
        this.bairro = e == null ? null : e.bairro();
        this.municipio = e == null ? null : e.municipio();
        this.uf = e == null ? null : e.uf();
        this.cep = e == null ? null : e.cep();
    }

    /** @return the creditor address, or null when not configured */
    public br.com.recebiveishub.sdk.model.Endereco getEndereco() {
        if (logradouro == null && municipio == null) {
            return null;
        }
        return new br.com.recebiveishub.sdk.model.Endereco(logradouro, numero, complemento, bairro, municipio, uf, cep);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDocumento() {
        return documento;
    }

    public int getDefaultTermDays() {
        return defaultTermDays;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
