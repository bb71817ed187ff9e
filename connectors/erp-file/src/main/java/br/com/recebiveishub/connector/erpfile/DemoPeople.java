package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic but realistic Brazilian customers for the demo generator: people and companies with
 * valid CPF/CNPJ check digits, addresses in real cities of several states (with their IBGE codes,
 * area codes and CEP ranges), e-mails only at the reserved {@code example.*} domains.
 */
final class DemoPeople {

    /** A city: name, state, IBGE code, phone area code, first and last 5-digit CEP prefix, districts. */
    record City(String nome, String uf, String ibge, String ddd, int cepFrom, int cepTo, String[] bairros) {
    }

    /** A customer of the pool, with its CSV cells escaped once. */
    record Customer(Debtor debtor, String csvCells, City city) {
    }

    static final City[] CITIES = {
        new City("São Paulo", "SP", "3550308", "11", 1000, 5999, new String[] {"Centro", "Vila Mariana", "Mooca", "Pinheiros", "Santana", "Itaquera"}),
        new City("Campinas", "SP", "3509502", "19", 13000, 13139, new String[] {"Cambuí", "Taquaral", "Barão Geraldo"}),
        new City("Santos", "SP", "3548500", "13", 11000, 11099, new String[] {"Gonzaga", "Boqueirão", "Ponta da Praia"}),
        new City("Rio de Janeiro", "RJ", "3304557", "21", 20000, 23799, new String[] {"Tijuca", "Copacabana", "Méier", "Campo Grande"}),
        new City("Niterói", "RJ", "3303302", "21", 24000, 24399, new String[] {"Icaraí", "Centro", "Fonseca"}),
        new City("Belo Horizonte", "MG", "3106200", "31", 30000, 31999, new String[] {"Savassi", "Funcionários", "Pampulha", "Barreiro"}),
        new City("Uberlândia", "MG", "3170206", "34", 38400, 38415, new String[] {"Centro", "Santa Mônica"}),
        new City("Curitiba", "PR", "4106902", "41", 80000, 82999, new String[] {"Batel", "Água Verde", "Boqueirão", "Portão"}),
        new City("Londrina", "PR", "4113700", "43", 86000, 86099, new String[] {"Centro", "Gleba Palhano"}),
        new City("Porto Alegre", "RS", "4314902", "51", 90000, 91999, new String[] {"Moinhos de Vento", "Menino Deus", "Sarandi"}),
        new City("Caxias do Sul", "RS", "4305108", "54", 95000, 95124, new String[] {"São Pelegrino", "Centro"}),
        new City("Salvador", "BA", "2927408", "71", 40000, 42599, new String[] {"Barra", "Pituba", "Liberdade", "Itapuã"}),
        new City("Feira de Santana", "BA", "2910800", "75", 44000, 44099, new String[] {"Centro", "Kalilândia"}),
        new City("Vitória", "ES", "3205309", "27", 29000, 29099, new String[] {"Praia do Canto", "Jardim da Penha", "Centro"}),
        new City("Vila Velha", "ES", "3205200", "27", 29100, 29129, new String[] {"Praia da Costa", "Itapuã"}),
        new City("Maceió", "AL", "2704302", "82", 57000, 57099, new String[] {"Ponta Verde", "Pajuçara", "Farol"}),
        new City("Recife", "PE", "2611606", "81", 50000, 52999, new String[] {"Boa Viagem", "Casa Forte", "Madalena"}),
        new City("Florianópolis", "SC", "4205407", "48", 88000, 88099, new String[] {"Trindade", "Centro", "Ingleses"}),
        new City("Goiânia", "GO", "5208707", "62", 74000, 74899, new String[] {"Setor Bueno", "Setor Oeste"}),
        new City("Fortaleza", "CE", "2304400", "85", 60000, 61599, new String[] {"Aldeota", "Meireles", "Messejana"}),
        new City("Brasília", "DF", "5300108", "61", 70000, 72799, new String[] {"Asa Sul", "Asa Norte", "Taguatinga"}),
    };

    /** IBGE state codes (cUF), as the chave de acesso starts. */
    static String cUf(String uf) {
        return switch (uf) {
            case "RO" -> "11"; case "AC" -> "12"; case "AM" -> "13"; case "RR" -> "14"; case "PA" -> "15"; case "AP" -> "16";
            case "TO" -> "17"; case "MA" -> "21"; case "PI" -> "22"; case "CE" -> "23"; case "RN" -> "24"; case "PB" -> "25";
            case "PE" -> "26"; case "AL" -> "27"; case "SE" -> "28"; case "BA" -> "29"; case "MG" -> "31"; case "ES" -> "32";
            case "RJ" -> "33"; case "SP" -> "35"; case "PR" -> "41"; case "SC" -> "42"; case "RS" -> "43"; case "MS" -> "50";
            case "MT" -> "51"; case "GO" -> "52"; case "DF" -> "53";
            default -> throw new IllegalArgumentException("not a Brazilian state code");
        };
    }

    /** The city of the table with that name and state, else the first of the state, else São Paulo. */
    static City city(String nome, String uf) {
        City sameUf = null;
        for (City c : CITIES) {
            if (c.uf().equals(uf)) {
                if (ascii(c.nome()).equalsIgnoreCase(ascii(nome == null ? "" : nome))) {
                    return c;
                }
                sameUf = sameUf == null ? c : sameUf;
            }
        }
        return sameUf != null ? sameUf : CITIES[0];
    }

    private static final String[] FIRST = {"Maria", "José", "Ana", "João", "Antônio", "Francisca", "Carlos", "Paulo", "Lúcia",
        "Luiz", "Márcia", "Fernanda", "Rafael", "Juliana", "Sebastião", "Conceição", "Gabriel", "Letícia", "André",
        "Patrícia", "Raimundo", "Cláudia", "Thiago", "Beatriz", "Vinícius", "Adriana", "Marcos", "Simone", "Luís", "Débora"};
    private static final String[] SURNAME = {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
        "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Araújo", "Melo", "Barbosa", "Rocha", "Dias",
        "Nascimento", "Moreira", "Magalhães", "Gonçalves", "Brandão", "Assunção", "Conceição", "Damasceno", "Figueiredo"};
    private static final String[] COMPANY_KIND = {"Comercial", "Distribuidora", "Mercado", "Padaria", "Auto Peças", "Farmácia",
        "Construtora", "Transportes", "Supermercado", "Papelaria", "Ótica", "Materiais Elétricos", "Confecções", "Restaurante"};
    private static final String[] COMPANY_NAME = {"Boa Vista", "São Jorge", "Ipê", "Três Irmãos", "Bela Vista", "Santa Luzia",
        "Estrela", "Horizonte", "Pão Quente", "Real", "Progresso", "Nova Era", "Aliança", "Sol Nascente", "Ouro Verde"};
    private static final String[] COMPANY_SUFFIX = {"Ltda", "Ltda", "Ltda - ME", "S.A.", "Ltda - EPP", "ME"};
    private static final String[] STREET = {"Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Avenida Sete de Setembro",
        "Rua da Conceição", "Rua Tiradentes", "Avenida Getúlio Vargas", "Rua São João", "Rua Dom Pedro II", "Travessa do Comércio",
        "Rua Marechal Deodoro", "Avenida Presidente Vargas", "Rua Barão do Rio Branco", "Alameda Santos", "Praça da Matriz"};
    private static final String[] COMPLEMENT = {"Apto 12", "Apto 304", "Sala 3", "Casa 2", "Fundos", "Loja 1", "Bloco B; Apto 101", "Galpão 4"};
    private static final String[] EMAIL_DOMAIN = {"example.com", "example.org", "example.net"};

    private DemoPeople() {
    }

    /**
     * @param alphanumericCnpj whether some companies get an alphanumeric CNPJ (issued from July 2026)
     */
    static Customer[] pool(Random rnd, int size, boolean alphanumericCnpj) {
        Customer[] pool = new Customer[size];
        for (int i = 0; i < size; i++) {
            pool[i] = customer(rnd, i, alphanumericCnpj);
        }
        return pool;
    }

    private static Customer customer(Random rnd, int index, boolean alphanumericCnpj) {
        boolean company = rnd.nextInt(10) < 3;
        City city = CITIES[rnd.nextInt(10) < 3 ? 0 : rnd.nextInt(CITIES.length)];
        String nome;
        Documento documento;
        String email = null;
        if (company) {
            String core = pick(rnd, COMPANY_NAME);
            boolean quoted = rnd.nextInt(20) == 0;
            nome = pick(rnd, COMPANY_KIND) + " " + (quoted ? "\"" + core + "\"" : core) + " " + pick(rnd, COMPANY_SUFFIX);
            documento = Documento.cnpj(cnpjBase(rnd, alphanumericCnpj && rnd.nextInt(30) == 0));
            if (rnd.nextInt(5) > 0) {
                email = "financeiro@" + slug(core) + (index + 1) + "." + pick(rnd, EMAIL_DOMAIN);
            }
        } else {
            String first = pick(rnd, FIRST);
            String s1 = pick(rnd, SURNAME);
            String s2 = pick(rnd, SURNAME);
            nome = rnd.nextInt(5) == 0 ? first + " da " + s2 : first + " " + s1 + " " + s2;
            documento = Documento.cpf(cpfBase(rnd));
            if (rnd.nextInt(5) > 0) {
                email = slug(first) + "." + slug(s2) + (index + 1) + "@" + pick(rnd, EMAIL_DOMAIN);
            }
        }
        String numero = rnd.nextInt(25) == 0 ? "S/N" : Integer.toString(1 + rnd.nextInt(4000));
        String complemento = rnd.nextInt(10) < 3 ? pick(rnd, COMPLEMENT) : null;
        int cepPrefix = city.cepFrom() + rnd.nextInt(city.cepTo() - city.cepFrom() + 1);
        String cep = ChaveAcesso.pad(cepPrefix, 5) + ChaveAcesso.pad(rnd.nextInt(1000), 3);
        Endereco endereco = new Endereco(pick(rnd, STREET), numero, complemento, pick(rnd, city.bairros()), city.nome(), city.uf(), cep);
        String telefone = null;
        if (rnd.nextInt(20) < 17) {
            telefone = company
                    ? city.ddd() + (2 + rnd.nextInt(4)) + ChaveAcesso.pad(rnd.nextInt(10_000_000), 7)
                    : city.ddd() + "9" + ChaveAcesso.pad(rnd.nextInt(100_000_000), 8);
        }
        Debtor debtor = new Debtor(documento, nome, endereco, email, telefone);
        return new Customer(debtor, ErpCsvWriter.debtorCells(debtor), city);
    }

    private static String cpfBase(Random rnd) {
        String base;
        do {
            base = ChaveAcesso.pad(rnd.nextInt(1_000_000_000), 9);
        } while (base.chars().distinct().count() == 1);
        return base + Documento.checkDigits(base);
    }

    private static String cnpjBase(Random rnd, boolean alphanumeric) {
        String root;
        if (alphanumeric) {
            String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            StringBuilder sb = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                sb.append(chars.charAt(rnd.nextInt(chars.length())));
            }
            root = sb.toString();
        } else {
            root = ChaveAcesso.pad(1 + rnd.nextInt(99_999_999), 8);
        }
        String base = root + "0001";
        return base + Documento.checkDigits(base);
    }

    static <T> T pick(Random rnd, T[] options) {
        return options[rnd.nextInt(options.length)];
    }

    /** Lower-case ASCII letters and digits of a name: "Conceição" gives "conceicao". */
    static String slug(String s) {
        return ascii(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
