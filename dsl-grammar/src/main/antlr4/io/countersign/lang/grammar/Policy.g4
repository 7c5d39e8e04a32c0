// The Countersign policy language (see docs/language.md and the design's LANGUAGE.md).
//
// The lexer never fails: malformed names, unterminated strings and stray characters become
// tokens of their own, so that the parser and the checker can report them in words a policy
// author understands. Keywords may appear where a name is declared; the checker then reports
// them as reserved words instead of the parser reporting a puzzling syntax error.
grammar Policy;

file
    : policy* EOF
    ;

policy
    : POLICY name LBRACE item* RBRACE
    ;

item
    : DESCRIPTION STRING                              # descriptionItem
    | SCOPE expr                                      # scopeItem
    | DEFAULT outcome                                 # defaultItem
    | WINDOW name ASSIGN window                       # windowItem
    | RISK name sign=(PLUS | MINUS) INT WHEN expr     # riskItem
    | ALLOW UNSIGNED DECISIONS                        # unsignedItem
    | ALLOW START WITHIN DURATION                     # startWithinItem
    | ruleDecl                                        # ruleItem
    ;

ruleDecl
    : RULE name LBRACE (DESCRIPTION STRING)? compliesDecl* (WHEN expr)? THEN outcome RBRACE
    ;

// The controls a rule satisfies: metadata for the decision's complianceCheck, never part of the
// outcome. Zero strings parse so that the checker can say a control is missing.
compliesDecl
    : COMPLIES STRING*
    ;

// Clauses are parsed for every outcome in any order; the checker says which ones an outcome
// may not carry, which reads better than a syntax error.
outcome
    : APPROVE clause*                                 # approveOutcome
    | DENY STRING clause*                             # denyOutcome
    | REQUIRE APPROVAL stage (THEN stage)* clause*    # requireOutcome
    ;

stage
    : FROM quorum approvers (WHEN expr)?
    ;

quorum
    : INT OF                                          # countQuorum
    | ALL OF                                          # allQuorum
    ;

approvers
    : approver (COMMA approver)*
    ;

approver
    : USER STRING                                     # userApprover
    | GROUP STRING                                    # groupApprover
    | path                                            # pathApprover
    ;

clause
    : APPEAL TO approvers                             # appealClause
    | ESCALATE AFTER DURATION TO approvers            # escalateClause
    | EXPIRE AFTER DURATION                           # expireClause
    | ALLOW SELF_APPROVAL                             # selfApprovalClause
    | NO DELEGATION                                   # noDelegationClause
    | CAP DURATION_KW DURATION                        # capClause
    | GRANT ONLY list                                 # grantOnlyClause
    | REVIEW AFTER DURATION                           # reviewClause
    | CONDITION name ASSIGN literal                   # conditionClause
    | STIPULATE STRING                                # stipulateClause
    | FOLLOW UP STRING WITHIN DURATION                # followUpClause
    | RENEWABLE                                       # renewableClause
    ;

// Precedence, loosest first: or, and, not, predicates.
expr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr (AND notExpr)*
    ;

notExpr
    : NOT notExpr                                     # negation
    | predicate                                       # atom
    ;

predicate
    : LPAREN expr RPAREN                                          # parenPredicate
    | HAS path                                                    # hasPredicate
    | REQUESTER NOT? IN GROUP STRING                              # inGroupPredicate
    | NOW DURING (NAME | window)                                  # duringPredicate
    | NOW BETWEEN DATE AND DATE (IN STRING)?                      # betweenPredicate
    | operand op=(EQ | NE | LT | LE | GT | GE) operand            # comparePredicate
    | operand NOT? IN (list | path)                               # inPredicate
    | operand NOT? MATCHES REGEX? STRING                          # matchesPredicate
    | operand CONTAINS q=(ANY | ALL)? operand                     # containsPredicate
    | (TRUE | FALSE)                                              # constPredicate
    ;

operand
    : path
    | literal
    ;

path
    : root=pathRoot (DOT segment)*
    ;

// user and group are keywords, but an author who writes user.name meant an attribute: the
// checker says it is unknown, which helps more than a syntax error.
pathRoot
    : NAME | BAD_NAME | REQUESTER | DURATION_KW | RISK | USER | GROUP
    ;

// After a dot anything name-like is a field, keywords included (context.group is fine).
segment
    : NAME | BAD_NAME | REQUESTER | DAY_RANGE | keyword
    ;

literal
    : STRING                                          # stringLiteral
    | MINUS? INT                                      # intLiteral
    | MINUS? DECIMAL                                  # decimalLiteral
    | (TRUE | FALSE)                                  # boolLiteral
    | DURATION                                        # durationLiteral
    | TIME                                            # timeLiteral
    | DATE                                            # dateLiteral
    | list                                            # listLiteral
    ;

list
    : LBRACKET (literal (COMMA literal)*)? RBRACKET
    ;

window
    : days TIME MINUS TIME (IN STRING)?
    ;

days
    : DAILY                                           # dailyDays
    | WEEKDAYS                                        # weekdaysDays
    | WEEKENDS                                        # weekendsDays
    | dayRange (COMMA dayRange)*                      # listedDays
    ;

dayRange
    : DAY_RANGE
    | DAY (MINUS DAY)?
    ;

// A declared name. Keywords and malformed names are accepted here so the checker can say why
// they are not allowed.
name
    : NAME | BAD_NAME | REQUESTER | DAY_RANGE | keyword
    ;

keyword
    : POLICY | RULE | WHEN | THEN | APPROVE | DENY | REQUIRE | APPROVAL | FROM | OF | ALL | ESCALATE
    | AFTER | TO | EXPIRE | ALLOW | SELF_APPROVAL | UNSIGNED | DECISIONS | START | NO | DELEGATION | CAP
    | DURATION_KW | GRANT
    | ONLY | REVIEW | CONDITION | STIPULATE | FOLLOW | UP | WITHIN | RENEWABLE | APPEAL
    | DESCRIPTION | COMPLIES | SCOPE | DEFAULT | WINDOW | RISK | AND | OR | NOT | IN | MATCHES | REGEX
    | CONTAINS | ANY | HAS | DURING | BETWEEN | NOW | TRUE | FALSE | USER | GROUP | DAILY
    | WEEKDAYS | WEEKENDS | DAY
    ;

// ---------------------------------------------------------------------------------------------
// Lexer

POLICY        : 'policy';
RULE          : 'rule';
WHEN          : 'when';
THEN          : 'then';
APPROVE       : 'approve';
DENY          : 'deny';
REQUIRE       : 'require';
APPROVAL      : 'approval';
FROM          : 'from';
OF            : 'of';
ALL           : 'all';
ESCALATE      : 'escalate';
AFTER         : 'after';
TO            : 'to';
EXPIRE        : 'expire';
ALLOW         : 'allow';
SELF_APPROVAL : 'self-approval';
UNSIGNED      : 'unsigned';
DECISIONS     : 'decisions';
START         : 'start';
NO            : 'no';
DELEGATION    : 'delegation';
CAP           : 'cap';
DURATION_KW   : 'duration';
GRANT         : 'grant';
ONLY          : 'only';
REVIEW        : 'review';
CONDITION     : 'condition';
STIPULATE     : 'stipulate';
FOLLOW        : 'follow';
UP            : 'up';
WITHIN        : 'within';
RENEWABLE     : 'renewable';
APPEAL        : 'appeal';
DESCRIPTION   : 'description';
COMPLIES      : 'complies';
SCOPE         : 'scope';
DEFAULT       : 'default';
WINDOW        : 'window';
RISK          : 'risk';
AND           : 'and';
OR            : 'or';
NOT           : 'not';
IN            : 'in';
MATCHES       : 'matches';
REGEX         : 'regex';
CONTAINS      : 'contains';
ANY           : 'any';
HAS           : 'has';
DURING        : 'during';
BETWEEN       : 'between';
NOW           : 'now';
TRUE          : 'true';
FALSE         : 'false';
USER          : 'user';
GROUP         : 'group';
DAILY         : 'daily';
WEEKDAYS      : 'weekdays';
WEEKENDS      : 'weekends';
REQUESTER     : 'requester';

// mon-fri would otherwise lex as one name; as long as a name, it wins by coming first.
DAY_RANGE     : DAY_NAME '-' DAY_NAME;
DAY           : DAY_NAME;
fragment DAY_NAME : 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

DATE          : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
// One-digit hours are lexed so the checker can say "times are HH:MM".
TIME          : DIGIT DIGIT? ':' DIGIT DIGIT;
DURATION      : (DIGIT+ [wdhms])+;
DECIMAL       : DIGIT+ '.' DIGIT+;
INT           : DIGIT+;
fragment DIGIT : [0-9];

// Escapes are validated by the checker, which can point at the exact bad escape.
STRING        : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'?;

NAME          : [a-z] [a-z0-9_-]*;
BAD_NAME      : [A-Za-z_] [A-Za-z0-9_-]*;

EQ            : '==';
NE            : '!=';
LE            : '<=';
GE            : '>=';
LT            : '<';
GT            : '>';
ASSIGN        : '=';
PLUS          : '+';
MINUS         : '-';
LBRACE        : '{';
RBRACE        : '}';
LPAREN        : '(';
RPAREN        : ')';
LBRACKET      : '[';
RBRACKET      : ']';
COMMA         : ',';
DOT           : '.';

COMMENT       : '#' ~[\r\n]* -> channel(HIDDEN);
WS            : [ \t\r\n\f\u00A0\uFEFF]+ -> skip;

// Anything else is one bad character; the parser reports it instead of the lexer throwing.
ERROR_CHAR    : .;
