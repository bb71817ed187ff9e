package br.com.recebiveishub.connector.erpfile;
final class Placeholder {}
