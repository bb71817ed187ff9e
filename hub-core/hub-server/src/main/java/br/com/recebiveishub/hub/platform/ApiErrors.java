package br.com.recebiveishub.hub.platform;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps domain errors to RFC 9457 problem details: the reason names the field, never echoes personal
 * data, a value the client sent or a Java type.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** {@code ?fileName} missing: named, in the same problem shape as every other refusal. */
    @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(org.springframework.web.bind.MissingServletRequestParameterException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "parameter " + e.getParameterName() + ": required");
    }

    /**
     * Two requests raced for the same unique key (e.g. one Idempotency-Key sent twice at once for
     * different bodies): the database kept one; the loser is told, and nothing of it was written.
     */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ProblemDetail concurrentDuplicate(org.springframework.dao.DuplicateKeyException e) {
        log.info("409: a concurrent request wrote the same unique key first");
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "a concurrent request with the same key was applied first: nothing of this one was written; read the result or retry");
    }

    /**
     * A body that is not JSON, or a value of the wrong type: names the field (its JSON path) and the
     * type expected, never the value sent (it may be personal data).
     */
    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(org.springframework.http.converter.HttpMessageNotReadableException e) {
        String detail = "body: not valid JSON";
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            Class<?> type = m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi ? mi.getTargetType() : null;
            detail = field + ": invalid value" + (type == null ? "" : " (" + expected(type) + ")");
        } else if (e.getCause() == null || e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            detail = "body: required, and must be valid JSON";
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    private static String expected(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "a date, yyyy-MM-dd";
        }
        if (type == java.math.BigDecimal.class) {
            return "a number in reais, e.g. 10.50";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        }
        return "a " + (type == Boolean.class || type == boolean.class ? "boolean" : "JSON value of another shape");
    }

    /** {@code ?status=FOO}, {@code ?page=abc}: names the parameter, and an enum's values, not the Java type. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        String detail = "parameter " + e.getName() + ": invalid value";
        Class<?> type = e.getRequiredType();
        if (type != null && type.isEnum()) {
            detail += " (one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ")) + ")";
        } else if (type != null && (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class))) {
            detail += " (a number)";
        } else if (type == Boolean.class || type == boolean.class) {
            detail += " (true or false)";
        } else if (type == java.time.LocalDate.class) {
            detail += " (a date, yyyy-MM-dd)";
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    /**
     * A page so far out that its first row does not fit an int (Spring Data: "Page offset exceeds
     * Integer.MAX_VALUE", or an ArithmeticException of page × size) is the client's error; any other
     * failure of these kinds is the hub's.
     */
    @ExceptionHandler({ArithmeticException.class, InvalidDataAccessApiUsageException.class})
    ProblemDetail pageOutOfRange(RuntimeException e) {
        if (isPagingOverflow(e)) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "page: out of range (page × size must stay below 2^31)");
        }
        log.error("Unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** @return whether {@code e} or a cause is Spring Data refusing a page offset beyond an int */
    static boolean isPagingOverflow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Page offset exceeds")) {
                return true;
            }
            if (t instanceof ArithmeticException) {
                for (StackTraceElement f : t.getStackTrace()) {
                    if (f.getClassName().equals("org.springframework.data.jpa.support.PageableUtils")
                            || f.getMethodName().equals("setFirstResult")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
