package br.com.recebiveishub.plugin.boleto;
final class Placeholder {}
